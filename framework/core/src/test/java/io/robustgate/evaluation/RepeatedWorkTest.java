package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackLoss;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.BudgetSpace;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PreparedSample;
import io.robustgate.data.PreparedSamples;
import io.robustgate.data.SamplePreparer;
import io.robustgate.model.ModelBundle;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluator does no repeated work that changes a result: an FGSM sweep that computes the
 * clean-image gradient once per batch gives exactly the per-budget results; the automatic batch
 * size is measured once, recorded, and reproduced by passing it explicitly; samples decoded per
 * batch equal the cached ones.
 */
class RepeatedWorkTest {

    private static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = GoldenFixture.loadBundle();
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    /**
     * What the annotation's {@code eps = {…}}, a POM or YAML budget list do: FGSM at one budget after
     * another through one evaluator. The clean gradient is computed once per batch, and every result
     * equals a fresh evaluator's.
     */
    @Test
    void fgsmBudgetsEvaluatedOneByOneShareTheCleanGradient() {
        List<Float> budgets = List.of(1 / 255f, 2 / 255f, 4 / 255f, 8 / 255f);
        RobustnessEvaluator shared = GoldenFixture.quietEvaluator(bundle, 4);
        for (float eps : budgets) {
            RobustnessResult result = shared.evaluate(AttackSpec.fgsm(eps));
            RobustnessResult alone = GoldenFixture.quietEvaluator(bundle, 4).evaluate(AttackSpec.fgsm(eps));
            assertEquals(alone.samples(), result.samples(), "FGSM at " + eps);
        }
        int batches = (6 + 3) / 4;
        assertEquals(batches, shared.cleanGradientPasses(), "one clean gradient per batch for four budgets");
        shared.evaluate(AttackSpec.fgsm(2 / 255f).withLoss(AttackLoss.DICE_BCE));
        assertEquals(2 * batches, shared.cleanGradientPasses(), "another loss has another gradient");
    }

    /** Every gradient pass of the first batch, and only of the first, reaches the progress listener. */
    @Test
    void theFirstBatchReportsEachGradientPass() {
        List<int[]> calls = new java.util.ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(String task, int done, int total, long elapsedNanos) {}

            @Override
            public void firstBatchPass(String task, int batchSamples, int step, int steps, int passes, long elapsedNanos) {
                assertEquals(AttackSpec.pgd(2 / 255f).withSteps(3).displayName(), task);
                calls.add(new int[] {batchSamples, step, steps, passes});
            }
        };
        new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(), EvaluationOptions.DEFAULTS.withProgress(listener)
                .withBatchSize(4).withEarlyExit(false)).evaluate(AttackSpec.pgd(2 / 255f).withSteps(3));
        assertEquals(3, calls.size(), "one call per pass of the first batch of 4, none for the second");
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(new int[] {4, p, 3, p + 1}, calls.get(p));
        }
    }

    @Test
    void fgsmSweepSharingTheGradientEqualsOneEvaluationPerBudget() {
        for (AttackSpec base : List.of(AttackSpec.fgsm(0), AttackSpec.fgsm(0).withLoss(AttackLoss.DICE_BCE)
                .withSpace(BudgetSpace.NORMALIZED))) {
            List<Float> budgets = List.of(0f, 1 / 255f, 4 / 255f, 8 / 255f);
            List<RobustnessResult> swept = GoldenFixture.quietEvaluator(bundle, 4).sweep(base, budgets);
            RobustnessEvaluator separate = GoldenFixture.quietEvaluator(bundle, 4);
            for (int k = 0; k < budgets.size(); k++) {
                RobustnessResult alone = separate.evaluate(base.withEps(budgets.get(k)));
                assertEquals(alone.attack(), swept.get(k).attack());
                assertEquals(alone.samples(), swept.get(k).samples(), base.displayName() + " at " + budgets.get(k));
                assertEquals(alone.alarms(), swept.get(k).alarms());
            }
        }
    }

    @Test
    void automaticBatchSizeIsMeasuredOnceRecordedAndReproducible() {
        RobustnessEvaluator automatic = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(),
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE));
        int chosen = automatic.batchSize();
        BatchSizeChoice choice = automatic.batchSizeChoice().orElseThrow();
        assertEquals(chosen, choice.batchSize());
        assertEquals(1, choice.trials().get(0).batchSize());
        assertTrue(choice.trials().stream().allMatch(t -> t.batchSize() <= automatic.samples().size()));
        RobustnessResult result = automatic.evaluate(AttackSpec.pgd(2 / 255f).withSteps(3));
        assertEquals(chosen, result.timings().batchSize());
        assertTrue(result.timings().automaticBatchSize());
        assertEquals(chosen, automatic.batchSize(), "measured once per evaluator");

        RobustnessEvaluator explicit = GoldenFixture.quietEvaluator(bundle, chosen);
        RobustnessResult again = explicit.evaluate(AttackSpec.pgd(2 / 255f).withSteps(3));
        assertFalse(again.timings().automaticBatchSize());
        assertTrue(explicit.batchSizeChoice().isEmpty());
        assertEquals(result.samples(), again.samples(), "the recorded size reproduces the run");
    }

    @Test
    void samplesDecodedPerBatchEqualCachedOnes() {
        HeldOutSet set = GoldenFixture.heldOutSet();
        var image = bundle.manifest().image();
        SamplePreparer preparer = new SamplePreparer(image.channels(), image.height(), image.width(),
                bundle.manifest().preprocessing());
        PreparedSamples cached = new PreparedSamples(set.samples(), preparer, 1, Long.MAX_VALUE);
        PreparedSamples uncached = new PreparedSamples(set.samples(), preparer, 1, 0);
        assertTrue(cached.cached());
        assertFalse(uncached.cached());
        assertSame(cached.get(0), cached.get(0));
        assertNotSame(uncached.get(0), uncached.get(0));
        for (int i = 0; i < set.samples().size(); i++) {
            PreparedSample a = cached.get(i);
            PreparedSample b = uncached.get(i);
            assertArrayEquals(a.pixels(), b.pixels());
            assertArrayEquals(a.mask(), b.mask());
        }
    }

    @Test
    void packedPredictionsRoundTrip() {
        PackedPredictions packed = new PackedPredictions();
        boolean[] prediction = new boolean[130];
        for (int i = 0; i < prediction.length; i += 3) {
            prediction[i] = true;
        }
        packed.add(prediction);
        packed.add(new boolean[0]);
        assertArrayEquals(prediction, packed.get(0));
        assertEquals(0, packed.get(1).length);
        assertEquals(2, packed.size());
    }
}
