package io.robustgate.sample;

import static io.robustgate.attack.AttackType.FGSM;
import static io.robustgate.attack.AttackType.PGD;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;

/**
 * Release criteria of the HC18 fetal-head model, attacked on its 48-image held-out subset.
 * THRESHOLDS PENDING: placeholder limits until the sample model is measured.
 */
@RobustnessModel("src/test/resources/models/hc18")
@HeldOutSet(value = "src/test/resources/hc18", split = "test", prompt = "p1")
class FetalHeadRobustnessTest {

    @AdversarialRobustness(attack = PGD, eps = 2 / 255f, steps = 40, minDice = 0.50, maxDiceDrop = 0.40)
    @AdversarialRobustness(attack = FGSM, eps = {1 / 255f, 2 / 255f, 4 / 255f}, minIoU = 0.20)
    void fetalHeadSurvivesAttacks(RobustnessResult result) {
        for (SampleResult sample : result.worstSamples(3)) {
            assertTrue(sample.adversarialDice() > 0.0, sample.imageName() + " lost the head entirely");
        }
    }
}
