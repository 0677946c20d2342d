package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackSpec;
import io.robustgate.model.ModelBundle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Early exit at Dice 0 never weakens a figure, only saves passes: on the golden fixture, at
 * budgets where some samples reach the floor and others do not, every sample's Dice with early
 * exit is at most its Dice without, a sample that never reaches 0 is attacked exactly as without
 * (same figures, same passes), and one that does takes fewer passes.
 */
class EarlyExitTest {

    private static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = GoldenFixture.loadBundle();
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    private static RobustnessEvaluator evaluator(int batchSize, boolean earlyExit) {
        return new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(), EvaluationOptions.DEFAULTS
                .withProgress(ProgressListener.NONE).withBatchSize(batchSize).withEarlyExit(earlyExit));
    }

    @ParameterizedTest
    @CsvSource({
            "PGD, 24, 1", "PGD, 24, 4", "PGD, 24, 3", "APGD, 24, 4",
            "ENSEMBLE, 24, 4"})
    void noSampleEndsHigherAndFlooredSamplesTakeFewerPasses(String attack, int eps255, int batchSize) {
        AttackSpec spec = spec(attack, eps255);
        RobustnessResult full = evaluator(batchSize, false).evaluate(spec);
        RobustnessResult early = evaluator(batchSize, true).evaluate(spec);
        int floored = 0;
        int untouched = 0;
        for (int i = 0; i < full.samples().size(); i++) {
            SampleResult without = full.samples().get(i);
            SampleResult with = early.samples().get(i);
            String where = spec.displayName() + " batch " + batchSize + " " + with.imageName();
            assertTrue(with.adversarialDice() <= without.adversarialDice(), where + ": " + with.adversarialDice()
                    + " with early exit, " + without.adversarialDice() + " without");
            assertTrue(with.adversarialIou() <= without.adversarialIou(), where + " IoU");
            assertTrue(with.linf() <= spec.eps() + 1e-6, where + " stays in the ball");
            if (with.equals(without)) {
                untouched++;
            } else {
                assertEquals(0, with.adversarialDice(), where + ": differs from the run without early exit, so it must"
                        + " have stopped at the floor");
                assertTrue(with.gradientPasses() <= without.gradientPasses(), where + " passes");
                floored++;
            }
        }
        assertTrue(floored > 0, spec.displayName() + ": no sample reached Dice 0 early, so nothing was tested");
        long fullPasses = full.samples().stream().mapToLong(SampleResult::gradientPasses).sum();
        long earlyPasses = early.samples().stream().mapToLong(SampleResult::gradientPasses).sum();
        assertTrue(earlyPasses < fullPasses, earlyPasses + " passes with early exit, " + fullPasses + " without");
    }

    @Test
    void ensembleMembersAfterTheFloorDoNotRunOnTheSample() {
        AttackSpec spec = spec("ENSEMBLE", 24);
        RobustnessResult early = evaluator(2, true).evaluate(spec);
        RobustnessResult full = evaluator(2, false).evaluate(spec);
        boolean sawSkipped = false;
        for (int i = 0; i < early.samples().size(); i++) {
            SampleResult sample = early.samples().get(i);
            Map<String, Double> members = sample.memberDice();
            assertFalse(members.isEmpty(), sample.imageName());
            List<Double> dice = List.copyOf(members.values());
            for (int m = 0; m < dice.size() - 1; m++) {
                assertTrue(dice.get(m) > 0, sample.imageName() + ": member " + m + " reached Dice 0, so none after it runs: "
                        + members);
            }
            assertEquals(sample.adversarialDice(), dice.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), 0);
            if (members.size() < full.samples().get(i).memberDice().size()) {
                sawSkipped = true;
                assertEquals(0, sample.adversarialDice(), sample.imageName());
                assertEquals(List.copyOf(members.keySet()).get(members.size() - 1), sample.wonBy(),
                        "the member that reached the floor wins");
            }
        }
        assertTrue(sawSkipped, "no member was skipped: the test budget is too small");
    }

    private static AttackSpec spec(String attack, int eps255) {
        Map<String, Object> steps = switch (attack) {
            case "ENSEMBLE" -> Map.of("members", "APGD(loss=SOFT_DICE, steps=12); PGD(steps=8)");
            case "APGD" -> Map.of("steps", 12, "loss", "SOFT_DICE");
            case "PGD" -> Map.of("steps", 10, "loss", "SOFT_DICE");
            default -> Map.of("steps", 10);
        };
        return AttackSpec.of(attack, eps255 / 255f, steps);
    }
}
