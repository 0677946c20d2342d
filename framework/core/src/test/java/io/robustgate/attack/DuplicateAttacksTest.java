package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same attack at the same budget twice is refused, naming both entries; defaults count as written. */
class DuplicateAttacksTest {

    @Test
    void theSameAttackTwiceIsRefusedNamingBothEntries() {
        AttackSpec pgd = AttackSpec.of(AttackNames.PGD, 2 / 255f, Map.of());
        AttackSpec pgd40 = AttackSpec.of(AttackNames.PGD, 2 / 255f, Map.of("steps", 40));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DuplicateAttacks.refuse(
                java.util.List.of(new DuplicateAttacks.Entry("attacks[0]", pgd),
                        new DuplicateAttacks.Entry("attacks[1]", AttackSpec.fgsm(1 / 255f)),
                        new DuplicateAttacks.Entry("attacks[2]", pgd40))));
        assertEquals("attacks[2] repeats attacks[0]: both are " + pgd.displayName() + ", which would run twice and write"
                + " two identical results; remove one of them", e.getMessage());
        DuplicateAttacks.refuse(java.util.List.of(new DuplicateAttacks.Entry("attacks[0]", pgd),
                new DuplicateAttacks.Entry("attacks[0]", AttackSpec.of(AttackNames.PGD, 4 / 255f, Map.of()))));
    }

    @Test
    void aBudgetListedTwiceInOneEntryIsNamedAsSuch() {
        AttackSpec fgsm = AttackSpec.fgsm(1 / 255f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DuplicateAttacks.refuse(
                java.util.List.of(new DuplicateAttacks.Entry("attacks[0]", fgsm), new DuplicateAttacks.Entry("attacks[0]", fgsm))));
        assertTrue(e.getMessage().startsWith("attacks[0] lists one budget twice: FGSM eps=1/255 would run twice"), e.getMessage());
    }
}
