package io.robustgate.sample;

import static io.robustgate.attack.AttackNames.FGSM;
import static io.robustgate.attack.AttackNames.PGD;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;

/**
 * Robustness floors of the HC18 fetal-head model (hc18-vlsm-adapter, 160x160) on its 48-image
 * held-out subset, prompt p1 "fetal head".
 *
 * <p>The limits rest on one measurement (CPU, PGD and FGSM exactly as annotated, seed 42):
 * clean Dice 0.902 (the training report's 0.9023), IoU 0.831;
 * <ul>
 *   <li>PGD-40 at 2/255: Dice 0.252 (95% CI 0.215–0.293), drop 0.650 (CI 0.610–0.688);</li>
 *   <li>FGSM at 1/255, 2/255, 4/255: Dice 0.687, 0.541, 0.378 (4/255: CI 0.327–0.431);
 *       IoU 0.549, 0.393, 0.249 (4/255: CI 0.209–0.293).</li>
 * </ul>
 * The model is not adversarially trained and two grey levels of PGD take most of its Dice, so
 * these are regression floors just outside each 95% interval; they catch a release that gets less
 * robust, not one that is robust enough for clinical use. Raise them as hardened models arrive.
 */
@RobustnessModel("src/test/resources/models/hc18")
@HeldOutSet(value = "src/test/resources/hc18", split = "test", prompt = "p1")
class FetalHeadRobustnessTest {

    @AdversarialRobustness(attack = PGD, eps = 2 / 255f, steps = 40, minDice = 0.20, maxDiceDrop = 0.70)
    @AdversarialRobustness(attack = FGSM, eps = {1 / 255f, 2 / 255f, 4 / 255f}, minDice = 0.30, minIoU = 0.20)
    void fetalHeadSurvivesAttacks(RobustnessResult result) {
        // The attack may use its budget but never more: a larger perturbation would flatter no one
        // and would mean the engine, not the model, is broken.
        float budget = result.attack().eps();
        assertTrue(result.maxLinf() <= budget + 1e-6,
                "largest pixel change " + result.maxLinf() + " exceeds the budget " + budget);
        assertTrue(result.adversarialDice().mean() <= result.cleanDice().mean(),
                "an attack should not raise the mean Dice");
    }
}
