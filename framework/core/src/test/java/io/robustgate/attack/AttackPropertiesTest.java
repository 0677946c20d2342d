package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.robustgate.GoldenBundleTest;
import io.robustgate.GoldenFixture;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every attack must have, checked on the golden fixture. */
class AttackPropertiesTest extends GoldenBundleTest {

    static Stream<AttackSpec> specs() {
        return Stream.of(
                AttackSpec.fgsm(4 / 255f),
                AttackSpec.fgsm(4 / 255f).withSpace(BudgetSpace.NORMALIZED),
                AttackSpec.pgd(4 / 255f).withSteps(5),
                AttackSpec.pgd(4 / 255f).withSteps(5).withLoss(AttackLoss.DICE_BCE),
                AttackSpec.pgd(4 / 255f).withSteps(5).withKeepBest(true),
                AttackSpec.pgd(0.5f).withSteps(3),
                AttackSpec.of(AttackNames.SEGPGD, 4 / 255f, Map.of("steps", 5)),
                AttackSpec.of(AttackNames.COSPGD, 4 / 255f, Map.of("steps", 5)),
                AttackSpec.of(AttackNames.APGD, 4 / 255f, Map.of("steps", 6)),
                AttackSpec.of(AttackNames.APGD, 4 / 255f, Map.of("steps", 6, "loss", "MASKED_BCE", "space", "NORMALIZED")),
                AttackSpec.of(AttackNames.APGD, 4 / 255f, Map.of("steps", 6, "loss", "SOFT_DICE")),
                AttackSpec.of(AttackNames.PGD_L2, 0.5f, Map.of("steps", 5)),
                AttackSpec.of(AttackNames.PGD_L2, 2.5f, Map.of("steps", 3)),
                AttackSpec.of(AttackNames.ENSEMBLE, 4 / 255f, Map.of("members", "APGD(steps=3); SEGPGD(steps=3)")),
                AttackSpec.of(AttackNames.SQUARE, 4 / 255f, Map.of("queries", 20)));
        // UNIVERSAL is a set-level attack, fitted before it perturbs and reporting only the samples it was
        // not fitted on, so the per-batch properties above do not apply to it: UniversalAttackTest checks it.
    }

    /** Specs with randomness that a seed controls. */
    static Stream<AttackSpec> seeded() {
        return specs().filter(spec -> spec.options().containsKey("seed"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void staysWithinBudgetAndPixelRangeWithoutTouchingTheInput(AttackSpec spec) {
        NDArray clean = batch.pixels();
        float[] before = clean.toFloatArray();
        float[] adversarial = Attack.of(spec).perturb(batch.objective(spec.loss()), clean, batch.seeds(1)).toFloatArray();
        assertArrayEquals(before, clean.toFloatArray(), "the caller's pixels are untouched");
        float[] std = bundle.manifest().image().std();
        int plane = before.length / batch.size() / std.length;
        boolean changed = false;
        boolean l2 = spec.threatModel().equals(ThreatModel.L2.name());
        for (int i = 0; i < before.length; i++) {
            float channelEps = spec.space() == BudgetSpace.NORMALIZED ? spec.eps() * std[(i / plane) % std.length] : spec.eps();
            if (!l2) {
                assertTrue(Math.abs(adversarial[i] - before[i]) <= channelEps + 1e-6, "|δ| ≤ eps at " + i);
            }
            assertTrue(adversarial[i] >= 0 && adversarial[i] <= 1, "x' in [0,1] at " + i);
            changed |= adversarial[i] != before[i];
        }
        if (l2) {
            int perSample = before.length / batch.size();
            for (int b = 0; b < batch.size(); b++) {
                double norm = 0;
                for (int j = b * perSample; j < (b + 1) * perSample; j++) {
                    norm += Math.pow(adversarial[j] - before[j], 2);
                }
                assertTrue(Math.sqrt(norm) <= spec.eps() * (1 + 1e-5), "‖δ‖₂ " + Math.sqrt(norm) + " ≤ eps of sample " + b);
            }
        }
        assertTrue(changed, "the attack changed something");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void zeroBudgetGivesTheCleanResult(AttackSpec spec) {
        AttackSpec zero = spec.withEps(0);
        NDArray clean = batch.pixels();
        float[] adversarial = Attack.of(zero).perturb(batch.objective(zero.loss()), clean, batch.seeds(1)).toFloatArray();
        assertArrayEquals(clean.toFloatArray(), adversarial, 0f);
        RobustnessResult result = evaluator.evaluate(zero);
        for (SampleResult sample : result.samples()) {
            assertEquals(sample.cleanDice(), sample.adversarialDice(), 0.0, sample.sampleId());
            assertEquals(0.0, sample.linf(), 0.0);
        }
    }

    @ParameterizedTest
    @MethodSource("seeded")
    void sameSeedSameResultAndAnotherSeedAnotherStart(AttackSpec spec) {
        RobustnessResult first = evaluator.evaluate(spec);
        RobustnessResult again = evaluator.evaluate(spec);
        assertEquals(first.samples(), again.samples());
        if (Boolean.TRUE.equals(spec.option("randomStart", false))) {
            RobustnessResult otherSeed = evaluator.evaluate(spec.withSeed(7));
            assertFalse(first.samples().stream().map(SampleResult::l2).toList()
                    .equals(otherSeed.samples().stream().map(SampleResult::l2).toList()), "random start depends on the seed");
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void resultsDoNotDependOnTheBatchSize(AttackSpec spec) {
        RobustnessEvaluator oneByOne = GoldenFixture.quietEvaluator(bundle, 1);
        List<SampleResult> batched = evaluator.evaluate(spec).samples();
        List<SampleResult> single = oneByOne.evaluate(spec).samples();
        for (int i = 0; i < batched.size(); i++) {
            assertEquals(batched.get(i).adversarialDice(), single.get(i).adversarialDice(), 1e-3, spec.displayName() + " Dice");
            assertEquals(batched.get(i).l2(), single.get(i).l2(), 1e-3, spec.displayName() + " L2");
        }
    }

    @Test
    void ensembleIsOnEverySampleAtMostEachMemberRunAlone() {
        AttackSpec ensemble = AttackSpec.of(AttackNames.ENSEMBLE, 4 / 255f,
                Map.of("members", "APGD(steps=4, loss=BCE); APGD(steps=4, loss=SOFT_DICE); SEGPGD(steps=4)"));
        RobustnessResult worst = evaluator.evaluate(ensemble);
        List<RobustnessResult> members = List.of(
                evaluator.evaluate(AttackSpec.of(AttackNames.APGD, 4 / 255f, Map.of("steps", 4, "loss", "BCE"))),
                evaluator.evaluate(AttackSpec.of(AttackNames.APGD, 4 / 255f, Map.of("steps", 4, "loss", "SOFT_DICE"))),
                evaluator.evaluate(AttackSpec.of(AttackNames.SEGPGD, 4 / 255f, Map.of("steps", 4))));
        for (int i = 0; i < worst.samples().size(); i++) {
            SampleResult sample = worst.samples().get(i);
            double lowest = Double.POSITIVE_INFINITY;
            for (RobustnessResult member : members) {
                double alone = member.samples().get(i).adversarialDice();
                assertTrue(sample.adversarialDice() <= alone, sample.imageName() + " above " + member.displayName());
                lowest = Math.min(lowest, alone);
            }
            assertEquals(lowest, sample.adversarialDice(), 1e-12, "the ensemble keeps the lowest member");
            assertEquals(3, sample.memberDice().size());
            assertEquals(sample.adversarialDice(), sample.memberDice().get(sample.wonBy()), 1e-6, "the winner is recorded");
        }
    }

    @Test
    void apgdGoesAboutAsLowAsPgdWithEqualSteps() {
        double pgd = evaluator.evaluate(AttackSpec.pgd(4 / 255f).withSteps(10)).adversarialDice().mean();
        double apgd = evaluator.evaluate(AttackSpec.of(AttackNames.APGD, 4 / 255f, Map.of("steps", 10))).adversarialDice().mean();
        assertTrue(apgd <= pgd + 0.02, "APGD-10 " + apgd + " vs PGD-10 " + pgd);
    }

    @Test
    void attacksFromTwoThreadsAtOnceGiveTheSequentialResults() throws Exception {
        AttackSpec spec = AttackSpec.pgd(4 / 255f).withSteps(4);
        List<SampleResult> sequential = evaluator.evaluate(spec).samples();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<RobustnessResult> first = pool.submit(() -> evaluator.evaluate(spec));
            java.util.concurrent.Future<RobustnessResult> second = pool.submit(() -> evaluator.evaluate(spec));
            assertEquals(sequential, first.get().samples());
            assertEquals(sequential, second.get().samples());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pgdReachesAtLeastTheLossOfFgsm() {
        float eps = 4 / 255f;
        NDArray clean = batch.pixels();
        AttackObjective objective = batch.objective(AttackLoss.BCE);
        float fgsm = objective.losses(Attack.of(AttackSpec.fgsm(eps)).perturb(objective, clean, batch.seeds(1))).sum().getFloat();
        float pgd = objective.losses(Attack.of(AttackSpec.pgd(eps)).perturb(objective, clean, batch.seeds(1))).sum().getFloat();
        float cleanLoss = objective.losses(clean).sum().getFloat();
        assertTrue(fgsm > cleanLoss, "FGSM raises the loss: " + cleanLoss + " → " + fgsm);
        assertTrue(pgd >= fgsm, "PGD loss " + pgd + " ≥ FGSM loss " + fgsm);
    }

    @Test
    void meanAttackedDiceDoesNotRiseWithTheBudget() {
        List<Float> budgets = List.of(0f, 1 / 255f, 2 / 255f, 4 / 255f, 8 / 255f);
        for (AttackSpec base : List.of(AttackSpec.fgsm(0), AttackSpec.pgd(0).withSteps(10))) {
            double[] dice = evaluator.sweep(base, budgets).stream().mapToDouble(r -> r.adversarialDice().mean()).toArray();
            for (int i = 1; i < dice.length; i++) {
                assertTrue(dice[i] <= dice[i - 1] + 1e-9, base.name() + " Dice rose with eps: " + Arrays.toString(dice));
            }
            assertTrue(dice[dice.length - 1] < dice[0], base.name() + " at 8/255 lowers Dice: " + Arrays.toString(dice));
        }
    }

    @Test
    void keepBestNeverEndsAboveTheLastIterate() {
        AttackSpec last = AttackSpec.pgd(2 / 255f).withSteps(5).withRandomStart(false);
        List<SampleResult> plain = evaluator.evaluate(last).samples();
        List<SampleResult> best = evaluator.evaluate(last.withKeepBest(true)).samples();
        for (int i = 0; i < plain.size(); i++) {
            assertTrue(best.get(i).adversarialDice() <= plain.get(i).adversarialDice() + 1e-12, plain.get(i).sampleId());
        }
    }
}
