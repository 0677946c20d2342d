package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.MaskedFixtures;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.model.ModelBundle;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ENSEMBLE against a model whose input gradients are exactly 0 (the golden fixture behind 3-bit
 * input quantisation): each sample leaves the gradient members after its first pass, SQUARE
 * attacks it instead, and its Dice is never above what SQUARE alone finds.
 */
class MaskedGradientEnsembleTest {

    private static final float EPS = 8 / 255f;
    private static final String MEMBERS = "PGD(steps=6); APGD(steps=6, loss=SOFT_DICE)";

    private static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = MaskedFixtures.quantised();
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    private static RobustnessResult evaluate(AttackSpec spec) {
        return new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(), EvaluationOptions.DEFAULTS
                .withProgress(ProgressListener.NONE).withBatchSize(3)).evaluate(spec);
    }

    @Test
    void zeroGradientSamplesTakeOnePassAndGetSquare() {
        RobustnessResult ensemble = evaluate(AttackSpec.of("ENSEMBLE", EPS, Map.of("members", MEMBERS)));
        RobustnessResult square = evaluate(AttackSpec.of("SQUARE", EPS, Map.of()));
        String fallback = square.attack().label();
        boolean squareWon = false;
        for (int i = 0; i < ensemble.samples().size(); i++) {
            SampleResult sample = ensemble.samples().get(i);
            String where = sample.imageName() + " " + sample.memberDice();
            assertTrue(sample.alarms().contains(MaskingAlarm.ZERO_GRADIENT), where + ": " + sample.alarms());
            assertEquals(1, sample.gradientPasses(), where + ": the first pass found the gradient 0, so no other was spent");
            assertTrue(sample.memberDice().containsKey(fallback), where + ": SQUARE did not attack the sample");
            assertEquals(square.samples().get(i).adversarialDice(), sample.memberDice().get(fallback), 1e-9,
                    where + ": SQUARE inside the ensemble found what it finds alone");
            assertTrue(sample.adversarialDice() <= square.samples().get(i).adversarialDice() + 1e-9,
                    where + ": the ensemble's worst case is above SQUARE's");
            squareWon |= fallback.equals(sample.wonBy());
        }
        assertTrue(squareWon, "SQUARE won no sample, so the fallback changed nothing");
        assertTrue(ensemble.adversarialDice().mean() <= square.adversarialDice().mean() + 1e-9,
                ensemble.adversarialDice().mean() + " for ENSEMBLE, " + square.adversarialDice().mean() + " for SQUARE");
        assertEquals(ensemble.samples().size(), ensemble.gradientPasses(), "one gradient pass per sample in all");
    }

    @Test
    void anEnsembleWithASquareMemberGetsNoSecondSquare() {
        RobustnessResult ensemble = evaluate(AttackSpec.of("ENSEMBLE", EPS, Map.of("members", "PGD(steps=4); SQUARE(queries=50)")));
        for (SampleResult sample : ensemble.samples()) {
            assertEquals(2, sample.memberDice().size(), sample.imageName() + ": " + sample.memberDice());
        }
    }
}
