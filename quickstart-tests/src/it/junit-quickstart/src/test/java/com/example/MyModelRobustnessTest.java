package com.example;

import static io.robustgate.attack.AttackNames.FGSM;
import static io.robustgate.attack.AttackNames.PGD;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;

@RobustnessModel("models/my-model")
@HeldOutSet(value = "data/my-heldout", split = "test", prompt = "p1")
class MyModelRobustnessTest {

    @AdversarialRobustness(attack = FGSM, eps = {1 / 255f, 2 / 255f}, minDice = 0.50)
    @AdversarialRobustness(attack = PGD, eps = 2 / 255f, steps = 5, minDice = 0.30, maxDiceDrop = 0.40)
    void survivesAttacks(RobustnessResult result) {
    }
}
