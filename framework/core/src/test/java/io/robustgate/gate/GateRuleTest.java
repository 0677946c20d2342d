package io.robustgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.EpsFormat;
import io.robustgate.evaluation.Results;
import io.robustgate.evaluation.RobustnessResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateRuleTest {

    private static final List<Limit> MIN_DICE = List.of(Limit.minimum(GateMetric.DICE, 0.8));

    @Test
    void matchesItsAttackAtItsBudgetOnly() {
        GateRule rule = new GateRule(AttackNames.PGD, EpsFormat.parse("2/255"), MIN_DICE);

        assertTrue(rule.matches(Results.uniform(AttackSpec.pgd(2 / 255f), 3, 0.9, 0.8)));
        assertFalse(rule.matches(Results.uniform(AttackSpec.pgd(4 / 255f), 3, 0.9, 0.8)));
        assertFalse(rule.matches(Results.uniform(AttackSpec.fgsm(2 / 255f), 3, 0.9, 0.8)));
    }

    @Test
    void budgetWrittenAsDecimalMatchesTheSameFraction() {
        // 2/255 = 0.00784313...; a results file written elsewhere may carry the rounded decimal.
        GateRule rule = new GateRule(AttackNames.FGSM, 0.007843138f, MIN_DICE);

        assertTrue(rule.matches(Results.uniform(AttackSpec.fgsm(2 / 255f), 3, 0.9, 0.8)));
    }

    @Test
    void ruleWithoutEpsMatchesEveryBudgetOfItsAttack() {
        GateRule rule = new GateRule(AttackNames.FGSM, null, MIN_DICE);

        assertTrue(rule.matches(Results.uniform(AttackSpec.fgsm(1 / 255f), 3, 0.9, 0.8)));
        assertTrue(rule.matches(Results.uniform(AttackSpec.fgsm(8 / 255f), 3, 0.9, 0.8)));
        assertFalse(rule.matches(Results.uniform(AttackSpec.pgd(8 / 255f), 3, 0.9, 0.8)));
        assertEquals("FGSM (every eps)", rule.displayName());
    }

    @Test
    void displayNameWritesTheBudgetAsAFraction() {
        assertEquals("PGD eps=2/255", new GateRule(AttackNames.PGD, 2 / 255f, MIN_DICE).displayName());
    }

    @Test
    void refusesBudgetsOutsideTheUnitIntervalAndMissingParts() {
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> new GateRule(AttackNames.PGD, 300 / 255f, MIN_DICE));
        assertTrue(tooBig.getMessage().contains("[0,1]"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GateRule(AttackNames.PGD, 0f, MIN_DICE));
        assertThrows(IllegalArgumentException.class, () -> new GateRule(null, 2 / 255f, MIN_DICE));
        IllegalArgumentException noLimits = assertThrows(IllegalArgumentException.class,
                () -> new GateRule(AttackNames.PGD, 2 / 255f, List.of()));
        assertTrue(noLimits.getMessage().contains("no limits"), noLimits.getMessage());
    }
}
