package io.robustgate.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackNames;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.Limit;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The annotation's limits mean what the POM's and the YAML's mean: NaN (the default) is the
 * annotation's "not set", every other value is a limit checked against its metric's range.
 */
class AttackCaseLimitsTest {

    /** Read by reflection, never run: a nested class is not a test class of its own. */
    static class Annotated {

        @AdversarialRobustness(attack = AttackNames.FGSM, eps = 1 / 255f, minDice = -0.1)
        void negativeMinimumDice() {}

        @AdversarialRobustness(attack = AttackNames.FGSM, eps = 1 / 255f, maxDiceDrop = -0.05, minIoU = 0.4)
        void negativeMaximumDrop() {}

        @AdversarialRobustness(attack = AttackNames.FGSM, eps = 1 / 255f)
        void noLimits() {}
    }

    private static List<AttackCase> expand(String name) throws NoSuchMethodException {
        Method method = Annotated.class.getDeclaredMethod(name);
        return AttackCase.expand(method.getAnnotation(AdversarialRobustness.class), method);
    }

    @Test
    void aNegativeDiceMinimumIsRefusedNotIgnored() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> expand("negativeMinimumDice"));
        assertEquals("@AdversarialRobustness on Annotated#negativeMinimumDice: minDice: -0.1 is outside"
                + " [0,1], the range of the Dice: a limit outside it could never fail or never pass", e.getMessage());
    }

    @Test
    void aNegativeDropMaximumIsALimitAsInThePomAndTheYaml() throws NoSuchMethodException {
        List<Limit> limits = expand("negativeMaximumDrop").get(0).gate().limits();
        assertTrue(limits.contains(Limit.maximum(GateMetric.DICE_DROP, -0.05)), limits.toString());
        assertTrue(limits.contains(Limit.minimum(GateMetric.IOU, 0.4)), limits.toString());
    }

    @Test
    void limitsLeftAtTheirDefaultAreNotChecked() throws NoSuchMethodException {
        assertEquals(List.of(), expand("noLimits").get(0).gate().limits());
    }
}
