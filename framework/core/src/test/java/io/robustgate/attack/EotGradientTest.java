package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.AttackBatch;
import io.robustgate.GoldenFixture;
import io.robustgate.MaskedFixtures;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.model.ModelBundle;
import org.junit.jupiter.api.Test;

/**
 * Expectation over Transformation against PyTorch: on the randomised fixture (a random resize and
 * pad per forward pass, drawn from torch's generator), with the generator seeded as
 * {@code python/build_masked_models.py} seeds it, the objective's averaged gradient over 4 passes
 * equals PyTorch's, and the 4 passes are counted.
 */
class EotGradientTest {

    @Test
    void anAttackWithEotIsNamedSoAndPlainPgdKeepsItsName() {
        assertEquals("PGD eps=8/255 steps=40 eot=8", AttackSpec.of("PGD", 8 / 255f, java.util.Map.of("eot", 8)).displayName());
        assertEquals("PGD eps=8/255 steps=40", AttackSpec.of("PGD", 8 / 255f, java.util.Map.of("eot", 1)).displayName());
    }

    @Test
    void theAveragedGradientIsPyTorchsAndEachSampleCostsAPass() throws Exception {
        JsonNode reference = new ObjectMapper().readTree(MaskedFixtures.ROOT.resolve("randomised-eot.json").toFile());
        float[] expected = MaskedFixtures.pytorchGradient(reference.get("gradient").asText());
        int samples = reference.get("samples").asInt();
        try (ModelBundle bundle = MaskedFixtures.randomised()) {
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(),
                    EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(6));
            try (AttackBatch batch = new AttackBatch(bundle, evaluator.samples())) {
                AttackObjective objective = batch.objective(AttackLoss.BCE);
                objective.averageOver(samples);
                NDArray pixels = batch.pixels();
                Engine.getEngine("PyTorch").setRandomSeed(reference.get("seed").asInt());
                double largestDifference = MaskedFixtures.assertGradientMatches(expected,
                        objective.evaluate(pixels, AttackLoss.BCE, 0, 1).gradient().toFloatArray());
                assertEquals(samples, objective.gradientPasses(), "each sample of the expectation is a pass");
                assertEquals(samples, objective.samplePasses()[0]);
                Engine.getEngine("PyTorch").setRandomSeed(reference.get("seed").asInt());
                objective.averageOver(1);
                float[] single = objective.evaluate(pixels, AttackLoss.BCE, 0, 1).gradient().toFloatArray();
                double singleDifference = 0;
                for (int i = 0; i < expected.length; i++) {
                    singleDifference = Math.max(singleDifference, Math.abs(expected[i] - single[i]));
                }
                assertTrue(singleDifference > 10 * largestDifference, "the first pass alone is not the expectation: it differs by "
                        + singleDifference + ", the expectation by " + largestDifference);
            }
        }
    }
}
