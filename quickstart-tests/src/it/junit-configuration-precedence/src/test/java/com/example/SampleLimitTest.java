package com.example;

import static io.robustgate.attack.AttackNames.FGSM;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;

@RobustnessModel("models/my-model")
@HeldOutSet("data/my-heldout")
class SampleLimitTest {

    @AdversarialRobustness(attack = FGSM, eps = 1 / 255f, sampleLimit = 4)
    void annotatedLimit(RobustnessResult result) {}

    @AdversarialRobustness(attack = FGSM, eps = 1 / 255f)
    void noLimit(RobustnessResult result) {}
}
