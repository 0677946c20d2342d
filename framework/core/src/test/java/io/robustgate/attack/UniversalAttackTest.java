package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenBundleTest;
import io.robustgate.GoldenFixture;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleArtifacts;
import io.robustgate.evaluation.SampleResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The universal perturbation on the golden fixture: one δ, fitted on some samples, evaluated on the others. */
class UniversalAttackTest extends GoldenBundleTest {

    private static final float EPS = 8 / 255f;

    private static AttackSpec universal(Map<String, Object> options) {
        return AttackSpec.of(AttackNames.UNIVERSAL, EPS, options);
    }

    private static RobustnessResult evaluateKeepingEverySample(AttackSpec spec, int batchSize) {
        RobustnessEvaluator keepAll = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(), EvaluationOptions.DEFAULTS
                .withProgress(ProgressListener.NONE).withBatchSize(batchSize).withKeptWorstSamples(100));
        return keepAll.evaluate(spec);
    }

    @Test
    void everyEvaluatedImageIsTheCleanOnePlusTheOneDeltaWithinBudget() {
        RobustnessResult result = evaluateKeepingEverySample(universal(Map.of("epochs", 4)), 4);
        UniversalPerturbation perturbation = result.fit().perturbation();
        float[] delta = perturbation.delta();
        assertTrue(perturbation.linf() <= EPS + 1e-7, "‖δ‖∞ " + perturbation.linf() + " ≤ eps");
        assertTrue(perturbation.linf() > 0, "δ is not zero");
        assertEquals(result.samples().size(), result.worstArtifacts().size());
        for (SampleArtifacts sample : result.worstArtifacts()) {
            assertEquals(delta.length, sample.original().length, "δ has the model's resolution");
            for (int i = 0; i < delta.length; i++) {
                float expected = Math.min(Math.max(sample.original()[i] + delta[i], 0f), 1f);
                assertEquals(expected, sample.adversarial()[i], 1e-6f, sample.sample().imageName() + " at " + i);
            }
        }
        for (SampleResult sample : result.samples()) {
            assertTrue(sample.linf() <= EPS + 1e-6, sample.imageName());
        }
    }

    @Test
    void fitsOnHalfTheSamplesAndReportsOnlyTheOtherHalfTheSameWayEveryTime() {
        RobustnessResult result = evaluator.evaluate(universal(Map.of("epochs", 2)));
        List<String> all = evaluator.samples().stream().map(s -> s.sample().id()).toList();
        List<String> fitted = result.fit().fittedSamples();
        List<String> evaluated = result.samples().stream().map(SampleResult::sampleId).toList();
        assertEquals(3, fitted.size(), "fitFraction 0.5 of 6 samples");
        assertTrue(Collections.disjoint(fitted, evaluated), "fitted " + fitted + " but evaluated " + evaluated);
        Set<String> union = new HashSet<>(fitted);
        union.addAll(evaluated);
        assertEquals(new HashSet<>(all), union, "every sample is either fitted on or evaluated");
        assertEquals(fitted, evaluator.evaluate(universal(Map.of("epochs", 2))).fit().fittedSamples(), "deterministic");
        List<String> shuffled = new ArrayList<>(all);
        Collections.reverse(shuffled);
        FitSamples split = new FitSamples(null, 0.5f, CommonOptions.DEFAULT_SEED);
        assertEquals(split.fittedAmong(all), split.fittedAmong(shuffled), "by identity, not order");
        assertEquals(new HashSet<>(fitted), split.fittedAmong(all));
    }

    @Test
    void sameSeedSameDeltaAnotherSeedAnotherOne() {
        float[] first = evaluator.evaluate(universal(Map.of("epochs", 2))).fit().perturbation().delta();
        float[] again = evaluator.evaluate(universal(Map.of("epochs", 2))).fit().perturbation().delta();
        float[] other = evaluator.evaluate(universal(Map.of("epochs", 2, "seed", 7))).fit().perturbation().delta();
        assertArrayEquals(first, again, 0f);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void theDeltaDoesNotDependOnTheBatchSize() {
        AttackSpec spec = universal(Map.of("epochs", 3, "fitFraction", 0));
        float[] batched = evaluator.evaluate(spec).fit().perturbation().delta();
        float[] single = GoldenFixture.quietEvaluator(bundle, 1).evaluate(spec).fit().perturbation().delta();
        assertArrayEquals(batched, single, 1e-6f);
    }

    @Test
    void theFittingLossRisesOverTheEpochs() {
        RobustnessResult result = evaluator.evaluate(universal(Map.of("epochs", 6)));
        List<Double> losses = result.fit().lossPerEpoch();
        assertEquals(6, losses.size(), "one loss per epoch");
        assertTrue(losses.get(losses.size() - 1) > losses.get(0), "fitting loss per epoch " + losses);
    }

    @Test
    void fitsOnAnotherSplitAndEvaluatesTheWholeSet() {
        // The fixture has one split, so "another split" is the same one here: what counts is that it is
        // loaded from the held-out set's root, fitted on, and every held-out sample is evaluated.
        RobustnessResult result = evaluator.evaluate(universal(Map.of("epochs", 2, "fitSplit", "test")));
        assertEquals("test", result.fit().fitSplit());
        assertEquals(List.of(), result.fit().fittedSamples());
        assertEquals(evaluator.samples().size(), result.samples().size());
    }

    @Test
    void zeroFitFractionFitsAndEvaluatesTheWholeSetAndZeroBudgetIsClean() {
        RobustnessResult result = evaluator.evaluate(AttackSpec.of(AttackNames.UNIVERSAL, 0f, Map.of("epochs", 2, "fitFraction", 0)));
        assertEquals(evaluator.samples().size(), result.samples().size());
        for (SampleResult sample : result.samples()) {
            assertEquals(sample.cleanDice(), sample.adversarialDice(), 0.0, sample.sampleId());
            assertEquals(0.0, sample.linf(), 0.0);
        }
    }

    @Test
    void refusesToPerturbBeforeItIsFittedAndAMissingSplitNamesIt() {
        IllegalStateException unfitted = assertThrows(IllegalStateException.class,
                () -> Attack.of(universal(Map.of())).perturb(batch.objective(AttackLoss.BCE), batch.pixels(), batch.seeds(1)));
        assertTrue(unfitted.getMessage().contains("fitted"), unfitted.getMessage());
        RuntimeException missing = assertThrows(RuntimeException.class,
                () -> evaluator.evaluate(universal(Map.of("fitSplit", "train"))));
        assertTrue(missing.getMessage().contains("train"), missing.getMessage());
    }
}
