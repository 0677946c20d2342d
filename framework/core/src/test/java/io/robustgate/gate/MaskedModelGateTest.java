package io.robustgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.MaskedFixtures;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.ResultAlarm;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.model.ModelBundle;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model that only looks robust cannot pass the gate. On the golden fixture behind 3-bit input
 * quantisation (every input gradient exactly 0, {@code python/build_masked_models.py}), white-box
 * PGD cannot move a pixel and reports about the clean Dice, but its alarms say why; the black-box
 * SQUARE finds much lower and raises "weaker attack stronger"; ENSEMBLE is never above SQUARE; and a
 * {@code failOnAlarms} gate fails PGD's result although its Dice clears the limit. The randomised
 * fixture is caught by its clean pass.
 */
class MaskedModelGateTest {

    private static final float EPS = 8 / 255f;

    private static ModelBundle quantised;
    private static RobustnessResult pgd;
    private static RobustnessResult square;
    private static RobustnessResult ensemble;

    @BeforeAll
    static void attack() {
        quantised = MaskedFixtures.quantised();
        RobustnessEvaluator evaluator = new RobustnessEvaluator(quantised, GoldenFixture.heldOutSet(),
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(3));
        pgd = evaluator.evaluate(AttackSpec.of("PGD", EPS, Map.of("steps", 10)));
        square = evaluator.evaluate(AttackSpec.of("SQUARE", EPS, Map.of()));
        ensemble = evaluator.evaluate(AttackSpec.of("ENSEMBLE", EPS, Map.of()));
    }

    @AfterAll
    static void close() {
        quantised.close();
    }

    @Test
    void pgdReportsFalseRobustnessAndSaysWhy() {
        assertTrue(pgd.adversarialDice().mean() >= pgd.cleanDice().mean() - 0.02,
                "PGD cannot move a pixel of a quantised model: " + pgd.adversarialDice().mean() + " against clean "
                        + pgd.cleanDice().mean());
        assertTrue(kinds(pgd).containsAll(Set.of(MaskingAlarm.ZERO_GRADIENT, MaskingAlarm.LOSS_NOT_RISING)), pgd.alarms().toString());
        assertEquals(pgd.samples().size(), alarm(pgd, MaskingAlarm.ZERO_GRADIENT).samples(), "every sample's gradient is 0");
    }

    @Test
    void squareBeatsPgdAndRaisesWeakerAttackStronger() {
        assertTrue(square.adversarialDice().mean() < pgd.adversarialDice().mean() - 0.05,
                "SQUARE " + square.adversarialDice().mean() + ", PGD " + pgd.adversarialDice().mean());
        assertTrue(kinds(square).contains(MaskingAlarm.WEAKER_ATTACK_STRONGER), square.alarms().toString());
        assertTrue(alarm(square, MaskingAlarm.WEAKER_ATTACK_STRONGER).message().contains(pgd.displayName()),
                alarm(square, MaskingAlarm.WEAKER_ATTACK_STRONGER).message());
    }

    @Test
    void ensembleIsNeverAboveSquare() {
        for (int i = 0; i < ensemble.samples().size(); i++) {
            assertTrue(ensemble.samples().get(i).adversarialDice() <= square.samples().get(i).adversarialDice() + 1e-9,
                    ensemble.samples().get(i).imageName() + " " + ensemble.samples().get(i).memberDice());
        }
        assertTrue(ensemble.adversarialDice().mean() <= square.adversarialDice().mean() + 1e-9,
                "ENSEMBLE " + ensemble.adversarialDice().mean() + ", SQUARE " + square.adversarialDice().mean());
        assertEquals(ensemble.samples().size(), ensemble.gradientPasses(),
                "four gradient members, but one pass per sample: the rest went to SQUARE");
    }

    @Test
    void aGateFailingOnAlarmsFailsPgdAboveItsLimit() {
        double limit = pgd.adversarialDice().mean() - 0.1;
        List<Limit> limits = List.of(Limit.minimum(GateMetric.DICE, limit));
        assertEquals(List.of(), new RobustnessGate(limits, GateStatistic.MEAN, false).check(pgd),
                "PGD's Dice clears the limit: without failOnAlarms the masked model passes");
        List<GateViolation> violations = new RobustnessGate(limits, GateStatistic.MEAN, true).check(pgd);
        assertTrue(violations.stream().allMatch(v -> v.limit() == null), "no limit is missed, only alarms: " + violations);
        assertTrue(violations.stream().anyMatch(v -> v.message().contains(MaskingAlarm.ZERO_GRADIENT.description())),
                violations.toString());
    }

    @Test
    void theRandomisedDefenceIsCaughtByItsCleanPass() {
        try (ModelBundle randomised = MaskedFixtures.randomised()) {
            RobustnessResult fgsm = new RobustnessEvaluator(randomised, GoldenFixture.heldOutSet(),
                    EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(6))
                    .evaluate(AttackSpec.fgsm(2 / 255f));
            assertTrue(kinds(fgsm).contains(MaskingAlarm.RANDOM_OUTPUT), fgsm.alarms().toString());
        }
    }

    @Test
    void theRandomisedModelsFiguresRepeatFromRunToRun() {
        // torch's generator is seeded per batch from the evaluation's seed (ModelRandomness)
        List<List<Double>> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (ModelBundle randomised = MaskedFixtures.randomised()) {
                RobustnessResult fgsm = new RobustnessEvaluator(randomised, GoldenFixture.heldOutSet(),
                        EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(3))
                        .evaluate(AttackSpec.fgsm(8 / 255f));
                runs.add(fgsm.samples().stream().flatMap(s -> java.util.stream.Stream.of(s.cleanDice(), s.adversarialDice())).toList());
            }
        }
        assertEquals(runs.get(0), runs.get(1), "clean and attacked Dice of each image, two runs");
    }

    private static Set<MaskingAlarm> kinds(RobustnessResult result) {
        return result.alarms().stream().map(ResultAlarm::kind).collect(Collectors.toSet());
    }

    private static ResultAlarm alarm(RobustnessResult result, MaskingAlarm kind) {
        return result.alarms().stream().filter(a -> a.kind() == kind).findFirst().orElseThrow(() -> new AssertionError(
                result.displayName() + " has no " + kind + ": " + result.alarms()));
    }
}
