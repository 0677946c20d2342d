package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpsFormatTest {

    @Test
    void parsesFractionsAndDecimals() {
        assertEquals(2 / 255f, EpsFormat.parse("2/255"), 1e-9);
        assertEquals(2 / 255f, EpsFormat.parse(" 2 / 255 "), 1e-9);
        assertEquals(0.008f, EpsFormat.parse("0.008"), 1e-9);
        assertEquals(0.008f, EpsFormat.parse("8e-3"), 1e-9);
    }

    @Test
    void refusesWhatIsNotABudget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EpsFormat.parse("two"));
        assertTrue(e.getMessage().contains("'two'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EpsFormat.parse("2/0"));
    }

    @Test
    void writesGreyLevelsAsFractions() {
        assertEquals("2/255", EpsFormat.format(2 / 255f));
        assertEquals("8/255", EpsFormat.format(EpsFormat.parse("8/255")));
        assertEquals("0.01", EpsFormat.format(0.01f));
    }

    @Test
    void specNamesReadLikeTheAnnotation() {
        assertEquals("PGD eps=2/255 steps=40", AttackSpec.pgd(2 / 255f).displayName());
        assertEquals("FGSM eps=4/255", AttackSpec.fgsm(4 / 255f).displayName());
        assertEquals("FGSM eps=4/255 (normalised)", AttackSpec.fgsm(4 / 255f).withSpace(BudgetSpace.NORMALIZED).displayName());
    }

    @Test
    void pgdStepDefaultsToTwoAndAHalfBudgetsOverTheSteps() {
        AttackSpec pgd = AttackSpec.pgd(8 / 255f).withSteps(10);
        assertEquals(2.5f * (8 / 255f) / 10, pgd.effectiveAlpha(), 1e-9);
        assertEquals(0.001f, pgd.withAlpha(0.001f).effectiveAlpha(), 1e-9);
        // 40 steps of alpha reach 2.5 eps in total: enough to cross the ball from a random start.
        assertTrue(AttackSpec.pgd(2 / 255f).effectiveAlpha() * 40 >= 2 * (2 / 255f));
    }

    @Test
    void specRefusesBudgetsOutsidePixelRange() {
        assertThrows(IllegalArgumentException.class, () -> AttackSpec.fgsm(1.5f));
        assertThrows(IllegalArgumentException.class, () -> AttackSpec.fgsm(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> AttackSpec.pgd(0.1f).withSteps(0));
    }
}
