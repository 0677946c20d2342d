package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.Analyses;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings that would run for days are refused before anything runs, with the maximum and why. */
class OptionBoundsTest {

    @Test
    void aBillionStepsIsRefusedNamingTheMaximumAndWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttackSpec.of(AttackNames.PGD, 2 / 255f, Map.of("steps", 1_000_000_000)));
        assertTrue(e.getMessage().contains("option 'steps' must be at most " + CommonOptions.MAX_STEPS + " ("
                + CommonOptions.STEPS_WHY + ") but is 1000000000"), e.getMessage());
    }

    @Test
    void theMaximumItselfIsAccepted() {
        assertEquals(CommonOptions.MAX_STEPS,
                AttackSpec.of(AttackNames.APGD, 2 / 255f, Map.of("steps", CommonOptions.MAX_STEPS)).options().get("steps"));
        assertThrows(IllegalArgumentException.class,
                () -> AttackSpec.of(AttackNames.APGD, 2 / 255f, Map.of("steps", CommonOptions.MAX_STEPS + 1)));
    }

    @Test
    void queriesAndEpochsAreBoundedToo() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AttackSpec.of(AttackNames.SQUARE, 2 / 255f, Map.of("queries", "1000000"))).getMessage()
                .contains("option 'queries' must be at most 100000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AttackSpec.of(AttackNames.UNIVERSAL, 2 / 255f, Map.of("epochs", 5000))).getMessage()
                .contains("option 'epochs' must be at most 1000"));
    }

    @Test
    void curvePointsAreBounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Analyses(false, null, 0.5f / 255, Analyses.MAX_CURVE_POINTS + 1));
        assertTrue(e.getMessage().startsWith("curvePoints must be at most " + Analyses.MAX_CURVE_POINTS), e.getMessage());
    }
}
