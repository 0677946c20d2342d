package io.robustgate.sample;

import static io.robustgate.attack.AttackNames.ENSEMBLE;
import static io.robustgate.attack.AttackNames.PGD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;

/**
 * The worst case over strong attacks never reads better than PGD-40 on the sample model: per sample
 * the ensemble keeps its lowest member (by construction), and its mean lies at or below PGD-40's.
 * On the first 8 samples with 20-step members, so the default build stays short; the full table
 * (48 samples, default settings) is {@code AttackComparisonBenchmark}'s, in the sample README.
 * A sample that reaches Dice 0 stops there (early exit), so it records only the members that ran.
 */
@RobustnessModel("src/test/resources/models/hc18")
@HeldOutSet(value = "src/test/resources/hc18", split = "test", prompt = "p1")
class StrongAttacksTest {

    private static RobustnessResult pgd;

    @AdversarialRobustness(attack = PGD, eps = 2 / 255f, sampleLimit = 8)
    @AdversarialRobustness(attack = ENSEMBLE, eps = 2 / 255f, sampleLimit = 8, options = "members=APGD(steps=20, loss=BCE); "
            + "APGD(steps=20, loss=MASKED_BCE); APGD(steps=20, loss=SOFT_DICE); SEGPGD(steps=20)")
    void ensembleIsTheWorstCase(RobustnessResult result) {
        if (result.attack().name().equals(PGD)) {
            pgd = result;
            return;
        }
        assertNotNull(pgd, "PGD-40 runs first");
        for (SampleResult sample : result.samples()) {
            // Early exit: a sample at Dice 0 skips the members after the one that got it there.
            int members = sample.memberDice().size();
            assertTrue(members >= 1 && members <= 4, sample.imageName() + " ran " + members + " members");
            if (members < 4) {
                assertEquals(0.0, sample.adversarialDice(), sample.imageName() + " skipped members above Dice 0");
            }
            for (double member : sample.memberDice().values()) {
                assertTrue(sample.adversarialDice() <= member, sample.imageName() + " above one of its members");
            }
        }
        assertTrue(result.adversarialDice().mean() <= pgd.adversarialDice().mean(),
                "ensemble mean Dice " + result.adversarialDice().mean() + " above PGD-40's " + pgd.adversarialDice().mean());
    }
}
