package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.sequential.Decision;
import io.robustgate.evaluation.sequential.SequentialPlan;
import io.robustgate.evaluation.sequential.SequentialRecord;
import io.robustgate.evaluation.sequential.SequentialVerdict;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.GateViolation;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RobustnessGate;
import io.robustgate.gate.SequentialGate;
import io.robustgate.metric.SegmentationMetrics;
import io.robustgate.model.ModelBundle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sequential evaluation on the golden fixture (6 images): a limit far from the figure stops it after a few images,
 * with the decision recorded and gated on; a limit at the full run's own mean runs it to the last image, where every
 * figure is the full run's bit for bit and the verdict is the full run's; the order is seeded; and what cannot be
 * decided sequentially is refused with a message.
 */
class SequentialEvaluationTest {

    private static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = GoldenFixture.loadBundle();
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    private static RobustnessEvaluator evaluator(int batchSize) {
        return GoldenFixture.quietEvaluator(bundle, batchSize);
    }

    private static AttackSpec pgd(int eps255) {
        return AttackSpec.of(io.robustgate.attack.AttackRegistry.current().require("PGD"), eps255 / 255f,
                Map.of("steps", 5, "loss", "SOFT_DICE"));
    }

    private static SequentialPlan plan(Limit... limits) {
        return SequentialGate.plan(new RobustnessGate(List.of(limits), GateStatistic.MEAN));
    }

    @Test
    void aFarLimitStopsTheEvaluationEarlyAndTheGateFailsOnTheDecision() {
        AttackSpec spec = pgd(24);
        RobustnessResult full = evaluator(1).evaluate(spec);
        assertTrue(full.adversarialDice().mean() < 0.5, "the fixture must be broken at 24/255 for this test: "
                + full.adversarialDice().mean());
        Limit far = Limit.minimum(GateMetric.DICE, 0.95);
        RobustnessResult sequential = evaluator(1).evaluate(spec, Analyses.NONE, plan(far));
        SequentialRecord record = sequential.sequentialRecord().orElseThrow();
        assertFalse(record.exhausted(), SequentialVerdict.headline(record));
        assertTrue(record.imagesAttacked() < full.samples().size(), SequentialVerdict.headline(record));
        assertEquals(record.imagesAttacked(), sequential.samples().size(), "the result holds the images attacked");
        assertEquals(record.imagesAttacked(), sequential.adversarialDice().n());
        assertEquals(Decision.MISSED, record.limits().get(0).decision());
        assertTrue(record.limits().get(0).upper() < 0.95);
        // Each attacked image scores exactly as in the full run: same batches, same seeds.
        for (SampleResult s : sequential.samples()) {
            SampleResult same = full.samples().stream().filter(f -> f.sampleId().equals(s.sampleId())).findFirst().orElseThrow();
            assertEquals(same, s, s.imageName());
        }
        List<GateViolation> violations = new RobustnessGate(List.of(far), GateStatistic.MEAN).check(sequential);
        assertEquals(1, violations.size(), violations.toString());
        String message = violations.get(0).message();
        assertTrue(message.contains("decided after " + record.imagesAttacked() + " of 6 images: Dice ≤ ")
                && message.contains("with 95% confidence < minDice 0.950"), message);
        // A limit the evaluation did not decide is never passed on the subset's mean.
        List<GateViolation> other = new RobustnessGate(List.of(Limit.minimum(GateMetric.DICE, 0.0)), GateStatistic.MEAN)
                .check(sequential);
        assertEquals(1, other.size());
        assertTrue(other.get(0).message().contains("cannot be checked"), other.get(0).message());
    }

    @Test
    void aLimitAtTheFullRunsMeanRunsToTheEndWithTheFullRunsFigures() {
        AttackSpec spec = pgd(4);
        RobustnessResult full = evaluator(2).evaluate(spec);
        double mean = full.adversarialDice().mean();
        Limit atMean = Limit.minimum(GateMetric.DICE, mean);
        RobustnessResult sequential = evaluator(2).evaluate(spec, Analyses.NONE, plan(atMean));
        SequentialRecord record = sequential.sequentialRecord().orElseThrow();
        assertTrue(record.exhausted(), SequentialVerdict.headline(record));
        assertEquals(full.samples(), sequential.samples(), "every image, each scored as in the full run");
        assertEquals(full.figures(), sequential.figures(), "the figures are the full run's, bit for bit");
        SequentialRecord.LimitDecision d = record.limits().get(0);
        assertTrue(d.exact());
        assertEquals(Decision.MET, d.decision(), "mean ≥ its own mean");
        RobustnessGate gate = new RobustnessGate(List.of(atMean), GateStatistic.MEAN);
        assertEquals(gate.check(full), gate.check(sequential), "the verdict of the full run");
        Limit justAbove = Limit.minimum(GateMetric.DICE, Math.nextUp(mean));
        RobustnessResult above = evaluator(2).evaluate(spec, Analyses.NONE, plan(justAbove));
        assertTrue(above.sequentialRecord().orElseThrow().exhausted());
        assertEquals(Decision.MISSED, above.sequentialRecord().orElseThrow().limits().get(0).decision());
        RobustnessGate strict = new RobustnessGate(List.of(justAbove), GateStatistic.MEAN);
        assertEquals(strict.check(full).size(), strict.check(above).size());
        assertEquals(1, strict.check(above).size());
    }

    @Test
    void theOrderIsSeededAndTwoLimitsAreDecidedTogether() {
        AttackSpec spec = pgd(24);
        SequentialPlan two = plan(Limit.maximum(GateMetric.DICE, 0.99), Limit.maximum(GateMetric.DICE_DROP, 1.0));
        RobustnessResult first = evaluator(1).evaluate(spec, Analyses.NONE, two);
        RobustnessResult second = evaluator(1).evaluate(spec, Analyses.NONE, two);
        assertEquals(first.sequentialRecord(), second.sequentialRecord());
        assertEquals(first.samples(), second.samples());
        SequentialRecord record = first.sequentialRecord().orElseThrow();
        assertEquals(2, record.limits().size());
        assertEquals(0.025, record.limits().get(0).alpha(), 1e-15, "α/2 each");
        assertEquals(record.batches().size(), record.imagesAttacked(), "batch size 1: bounds after every image");
    }

    @Test
    void whatCannotBeDecidedSequentiallyIsRefused() {
        AttackSpec spec = pgd(4);
        SequentialPlan plan = plan(Limit.minimum(GateMetric.DICE, 0.5));
        RobustnessEvaluator shard = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(), EvaluationOptions.DEFAULTS
                .withProgress(ProgressListener.NONE).withBatchSize(1).withShard(Shard.parse("1/2", "shard")));
        IllegalArgumentException sharded = assertThrows(IllegalArgumentException.class,
                () -> shard.evaluate(spec, Analyses.NONE, plan));
        assertTrue(sharded.getMessage().contains("cannot see the other shards' images"), sharded.getMessage());
        IllegalArgumentException analyses = assertThrows(IllegalArgumentException.class,
                () -> evaluator(1).evaluate(spec, new Analyses(false, null, Analyses.DEFAULT_CRITICAL_STEP, 4), plan));
        assertTrue(analyses.getMessage().contains("need every image"), analyses.getMessage());
        IllegalArgumentException unbounded = assertThrows(IllegalArgumentException.class,
                () -> plan(Limit.maximum(GateMetric.valueOf("HD95"), 10)));
        assertTrue(unbounded.getMessage().contains("no upper bound"), unbounded.getMessage());
        IllegalArgumentException setFigure = assertThrows(IllegalArgumentException.class,
                () -> plan(Limit.minimum(GateMetric.CURVE_AREA, 0.5)));
        assertTrue(setFigure.getMessage().contains("figure of the whole set"), setFigure.getMessage());
        assertTrue(SegmentationMetrics.all().contains(SegmentationMetrics.DICE));
    }

    @Test
    void anAutomaticBatchSizeForSequentialGatesStaysBelowASixteenthOfTheSet() {
        EvaluationOptions options = EvaluationOptions.DEFAULTS.withSequentialBatches(true);
        assertEquals(1, options.automaticBatchCap(6));
        assertEquals(3, options.automaticBatchCap(48));
        assertEquals(13, options.automaticBatchCap(210));
        assertEquals(48, EvaluationOptions.DEFAULTS.automaticBatchCap(48));
        RobustnessEvaluator capped = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(),
                options.withProgress(ProgressListener.NONE));
        assertEquals(1, capped.batchSize());
    }
}
