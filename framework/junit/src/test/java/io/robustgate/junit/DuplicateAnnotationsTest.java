package io.robustgate.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.robustgate.attack.AttackNames;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Two annotations (or two budgets of one) that ask for the same measurement are refused, as the
 * POM's and the YAML's repeated entries are: they would run twice and count as two results.
 */
class DuplicateAnnotationsTest {

    /** Read by reflection, never run. */
    static class Annotated {

        @AdversarialRobustness(attack = AttackNames.PGD, eps = 2 / 255f, minDice = 0.5)
        @AdversarialRobustness(attack = AttackNames.PGD, eps = 2 / 255f, options = "steps=40", minDice = 0.4)
        void sameAttackTwice() {}

        @AdversarialRobustness(attack = AttackNames.FGSM, eps = {1 / 255f, 1 / 255f})
        void oneBudgetTwice() {}

        @AdversarialRobustness(attack = AttackNames.PGD, eps = 2 / 255f)
        @AdversarialRobustness(attack = AttackNames.PGD, eps = 2 / 255f, prompt = "p2")
        @AdversarialRobustness(attack = AttackNames.PGD, eps = 2 / 255f, sampleLimit = 4)
        @AdversarialRobustness(attack = AttackNames.PGD, eps = 4 / 255f)
        @AdversarialRobustness(attack = AttackNames.PGD, eps = 2 / 255f, steps = 20)
        void differentMeasurements() {}
    }

    private static Method method(String name) throws NoSuchMethodException {
        return Annotated.class.getDeclaredMethod(name);
    }

    @Test
    void theSameAttackInTwoAnnotationsIsRefusedNamingBoth() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> AdversarialRobustnessExtension.cases(method("sameAttackTwice")));
        assertEquals("@AdversarialRobustness #2 on Annotated#sameAttackTwice repeats @AdversarialRobustness #1 on "
                + "Annotated#sameAttackTwice: both are PGD eps=2/255 steps=40, which would run twice and write two identical "
                + "results; remove one of them (put both limits in one annotation to gate one run on several figures)",
                e.getMessage());
    }

    @Test
    void oneBudgetListedTwiceIsRefused() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> AdversarialRobustnessExtension.cases(method("oneBudgetTwice")));
        assertEquals("@AdversarialRobustness #1 on Annotated#oneBudgetTwice lists one budget twice: FGSM eps=1/255 would run"
                + " twice and write two identical results; remove the repeated eps (put both limits in one annotation to gate"
                + " one run on several figures)", e.getMessage());
    }

    @Test
    void anotherPromptSampleLimitBudgetOrStepCountIsAnotherMeasurement() throws NoSuchMethodException {
        assertEquals(5, AdversarialRobustnessExtension.cases(method("differentMeasurements")).size());
    }
}
