package io.robustgate.sample;

import static io.robustgate.attack.AttackNames.PGD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Allure;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.GateViolation;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;
import java.util.List;

/**
 * The other half of {@link RobustModelGateTest}: the standard sample model, attacked exactly as the robust one, misses
 * that gate. The annotation sets no limit (this build must pass); the test checks the result against the robust
 * gate itself and expects it to fail on the Dice floor, not on an alarm. The miss is a step of this test in the
 * Allure report, in the gate's own words, so the report shows both halves and not only this build's regression floor.
 */
@RobustnessModel("src/test/resources/models/hc18")
@HeldOutSet(value = "src/test/resources/hc18", split = "test", prompt = "p1")
class StandardModelMissesRobustGateTest {

    @AdversarialRobustness(attack = PGD, eps = 2 / 255f, steps = 40)
    void theStandardModelFailsTheRobustGate(RobustnessResult result) {
        List<GateViolation> violations = RobustModelGateTest.robustGate().check(result);
        violations.forEach(violation -> Allure.step("the robust model's gate fails this model: " + violation.message()));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).limit() != null && violations.get(0).actual() < RobustModelGateTest.ROBUST_FLOOR - 0.2,
                "missed by far on the Dice floor: " + violations);
        assertTrue(result.cleanDice().mean() > 0.85, "while its clean Dice is the higher: " + result.cleanDice().mean());
    }
}
