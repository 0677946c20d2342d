package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.robustgate.GoldenBundleTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The black-box Square attack on the golden fixture: losses only, within its query budget. */
class SquareAttackTest extends GoldenBundleTest {

    private static final float EPS = 8 / 255f;

    private static AttackSpec square(int queries) {
        return AttackSpec.of(AttackNames.SQUARE, EPS, Map.of("queries", queries));
    }

    @Test
    void neverAsksForAGradientAndUsesExactlyItsQueryBudget() {
        AttackObjective objective = batch.objective(AttackLoss.BCE);
        Attack.of(square(40)).perturb(objective, batch.pixels(), batch.seeds(3)).close();
        assertEquals(0, objective.gradientPasses(), "a black-box attack takes no gradient");
        assertEquals(40, objective.lossQueries(), "one query for the stripes, one per iteration");
    }

    @Test
    void staysInTheBallAndPixelRangeAndRaisesTheLossOverTheCleanImage() {
        NDArray clean = batch.pixels();
        AttackObjective objective = batch.objective(AttackLoss.BCE);
        NDArray adversarial = Attack.of(square(60)).perturb(objective, clean, batch.seeds(3));
        float[] before = clean.toFloatArray();
        float[] after = adversarial.toFloatArray();
        for (int i = 0; i < before.length; i++) {
            assertTrue(Math.abs(after[i] - before[i]) <= EPS + 1e-6, "|δ| ≤ eps at " + i);
            assertTrue(after[i] >= 0 && after[i] <= 1, "x' in [0,1] at " + i);
        }
        float[] cleanLoss = objective.losses(clean).toFloatArray();
        float[] attackedLoss = objective.losses(adversarial).toFloatArray();
        for (int b = 0; b < cleanLoss.length; b++) {
            assertTrue(attackedLoss[b] > cleanLoss[b], "sample " + b + ": " + cleanLoss[b] + " → " + attackedLoss[b]);
        }
    }

    @Test
    void sameSeedSameImagesAndAnotherSeedOtherImages() {
        NDArray clean = batch.pixels();
        float[] first = Attack.of(square(20)).perturb(batch.objective(AttackLoss.BCE), clean, batch.seeds(3)).toFloatArray();
        float[] again = Attack.of(square(20)).perturb(batch.objective(AttackLoss.BCE), clean, batch.seeds(3)).toFloatArray();
        float[] other = Attack.of(square(20)).perturb(batch.objective(AttackLoss.BCE), clean, batch.seeds(4)).toFloatArray();
        assertArrayEquals(first, again, 0f);
        assertFalse(java.util.Arrays.equals(first, other), "the stripes and squares follow the seed");
    }

    @Test
    void theSquareShrinksOnThePapersScheduleRescaledToTheBudget() {
        assertEquals(0.8f, SquareAttack.fraction(0.8f, 10, 10000));
        assertEquals(0.4f, SquareAttack.fraction(0.8f, 11, 10000));
        assertEquals(0.4f, SquareAttack.fraction(0.8f, 50, 10000));
        assertEquals(0.2f, SquareAttack.fraction(0.8f, 51, 10000));
        assertEquals(0.8f / 512, SquareAttack.fraction(0.8f, 9999, 10000));
        // 1000 queries: the first halving after iteration 1 (⌊2/1000·10000⌋ = 20 > 10), the last after 800.
        assertEquals(0.8f, SquareAttack.fraction(0.8f, 1, 1000));
        assertEquals(0.4f, SquareAttack.fraction(0.8f, 2, 1000));
        assertEquals(0.8f / 256, SquareAttack.fraction(0.8f, 800, 1000));
        assertEquals(0.8f / 512, SquareAttack.fraction(0.8f, 801, 1000));
        assertEquals(35, SquareAttack.squareSide(0.4f, 48, 64), "round(sqrt(0.4·48·64)) = round(35.05)");
        assertEquals(47, SquareAttack.squareSide(1f, 48, 64), "below the shorter side");
        assertEquals(1, SquareAttack.squareSide(1e-6f, 48, 64), "at least one pixel");
    }

    @Test
    void optionsAreValidatedByName() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AttackSpec.of(AttackNames.SQUARE, EPS, Map.of("queries", 0)));
        assertTrue(error.getMessage().contains("queries"), error.getMessage());
        error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AttackSpec.of(AttackNames.SQUARE, EPS, Map.of("pInit", 1.5)));
        assertTrue(error.getMessage().contains("pInit"), error.getMessage());
    }
}
