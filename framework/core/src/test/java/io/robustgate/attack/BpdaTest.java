package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.robustgate.AttackBatch;
import io.robustgate.GoldenFixture;
import io.robustgate.MaskedFixtures;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.ResultAlarm;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.model.ModelBundle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BPDA (Athalye, Carlini &amp; Wagner, ICML 2018) against PyTorch and in effect: the {@code quantised-bpda}
 * fixture is the quantised one (3-bit input rounding, every input gradient exactly 0) declaring a
 * straight-through stand-in in {@code gradientFile}. The objective's gradient is PyTorch's gradient of
 * that stand-in ({@code python/build_masked_models.py}), its losses and logits are still the model's,
 * and PGD through it breaks the model that plain PGD cannot move.
 */
class BpdaTest {

    private static final float EPS = 8 / 255f;

    @Test
    void theGradientIsTheStandInsAndTheLogitsTheModels() throws Exception {
        float[] expected = MaskedFixtures.pytorchGradient("quantised-bpda-gradient.f32");
        try (ModelBundle bundle = MaskedFixtures.quantisedWithBpda()) {
            assertTrue(bundle.network().hasGradientStandIn());
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(),
                    EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(6));
            try (AttackBatch batch = new AttackBatch(bundle, evaluator.samples())) {
                AttackObjective objective = batch.objective(AttackLoss.BCE);
                NDArray pixels = batch.pixels();
                AttackObjective.Evaluation evaluation = objective.evaluate(pixels, AttackLoss.BCE, 0, 1);
                MaskedFixtures.assertGradientMatches(expected, evaluation.gradient().toFloatArray());
                assertArrayEquals(objective.logits(pixels).toFloatArray(), evaluation.logits().toFloatArray(),
                        "the pass keeps the model's own logits");
                assertEquals(1, objective.gradientPasses());
            }
        }
    }

    @Test
    void pgdThroughTheStandInBreaksWhatPlainPgdCannotMove() {
        RobustnessResult plain;
        RobustnessResult bpda;
        try (ModelBundle bundle = MaskedFixtures.quantised()) {
            plain = evaluator(bundle).evaluate(AttackSpec.of("PGD", EPS, Map.of("steps", 10)));
        }
        try (ModelBundle bundle = MaskedFixtures.quantisedWithBpda()) {
            bpda = evaluator(bundle).evaluate(AttackSpec.of("PGD", EPS, Map.of("steps", 10)));
        }
        assertEquals(plain.cleanDice().mean(), bpda.cleanDice().mean(), 1e-12, "the same model scores the clean images");
        assertTrue(bpda.adversarialDice().mean() < plain.adversarialDice().mean() - 0.2,
                "PGD with BPDA " + bpda.adversarialDice().mean() + ", plain PGD " + plain.adversarialDice().mean());
        assertFalse(bpda.alarms().stream().map(ResultAlarm::kind).anyMatch(k -> k == MaskingAlarm.ZERO_GRADIENT),
                bpda.alarms().toString());
    }

    private static RobustnessEvaluator evaluator(ModelBundle bundle) {
        return new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(),
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(6));
    }
}
