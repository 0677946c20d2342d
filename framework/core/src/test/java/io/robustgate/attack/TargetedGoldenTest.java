package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.GoldenBundleTest;
import io.robustgate.GoldenFixture;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.metric.MaskPair;
import io.robustgate.metric.SegmentationMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reproduces the independent PyTorch reference of the targeted attacks
 * ({@code python/make_targeted_golden.py}, written from {@code docs/attacks.md}) on the golden fixture
 * at 16/255. VANISH: every sample vanishes, each after its own number of steps, so the per-sample exit
 * is compared too; images within 1e-3 mean absolute difference, Dice and IoU within 1e-3, and per
 * sample the clean and attacked predicted areas and whether the lesion vanished as the reference
 * recorded them. HALLUCINATE with sample seeds 0…5: the same target squares (SplittableRandom and
 * scipy's distance transform on the Python side), images within 1e-3, and the false-positive area
 * the attack created within 1e-3 of the image.
 */
class TargetedGoldenTest extends GoldenBundleTest {

    private static final Path ROOT = GoldenFixture.ROOT.resolve("attacks");
    private static JsonNode vanish;
    private static JsonNode hallucinate;
    private static RobustnessEvaluator wholeBatch;

    @BeforeAll
    static void readReference() throws IOException {
        JsonNode attacks = new ObjectMapper().readTree(ROOT.resolve("targeted.json").toFile()).get("attacks");
        vanish = attacks.get(0);
        hallucinate = attacks.get(1);
        wholeBatch = GoldenFixture.quietEvaluator(bundle, 6);
    }

    @Test
    void vanishReproducesImagesAreasAndVanishedSamples() throws IOException {
        JsonNode expected = vanish;
        AttackSpec spec = AttackSpec.of(AttackNames.VANISH, (float) expected.get("eps").asDouble(),
                Map.of("steps", expected.get("steps").asInt(), "randomStart", false));
        assertCloseImages(expected, Attack.of(spec).perturb(batch.objective(AttackLoss.BCE), batch.pixels(), new long[6]));

        RobustnessResult result = wholeBatch.evaluate(spec);
        var area = SegmentationMetrics.byKey("PredictedArea").orElseThrow();
        var vanished = SegmentationMetrics.byKey("Vanished").orElseThrow();
        for (int i = 0; i < result.samples().size(); i++) {
            SampleResult sample = result.samples().get(i);
            String where = "sample " + i;
            assertEquals(expected.get("dice").get(i).asDouble(), sample.adversarialDice(), 1e-3, where + " Dice");
            assertEquals(expected.get("iou").get(i).asDouble(), sample.adversarialIou(), 1e-3, where + " IoU");
            assertEquals(expected.get("cleanArea").get(i).asDouble(), sample.figure(area, false).orElseThrow(), 1e-12,
                    where + " clean predicted area");
            assertEquals(expected.get("attackedArea").get(i).asDouble(), sample.figure(area, true).orElseThrow(), 1e-3,
                    where + " attacked predicted area");
            assertEquals(expected.get("vanished").get(i).asDouble(), sample.figure(vanished, true).orElseThrow(),
                    where + " vanished");
        }
        assertEquals(1.0, result.figure(vanished.attackedField()).orElseThrow().mean(), "every fixture sample vanishes at 16/255");
    }

    @Test
    void hallucinateReproducesTargetsImagesAndFalsePositiveArea() throws IOException {
        JsonNode expected = hallucinate;
        AttackSpec spec = AttackSpec.of(AttackNames.HALLUCINATE, (float) expected.get("eps").asDouble(),
                Map.of("steps", expected.get("steps").asInt(), "randomStart", false));
        long[] seeds = new long[6];
        for (int b = 0; b < 6; b++) {
            seeds[b] = expected.get("sampleSeeds").get(b).asLong();
        }
        AttackObjective objective = batch.objective(AttackLoss.BCE);
        int height = (int) objective.targets().getShape().get(1);
        int width = (int) objective.targets().getShape().get(2);
        float[] truth = objective.targets().toFloatArray();
        for (int b = 0; b < 6; b++) {
            boolean[] mask = new boolean[height * width];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = truth[b * mask.length + i] > 0.5f;
            }
            float[] square = HallucinationTarget.square(mask, height, width, seeds[b]);
            int corner = java.util.stream.IntStream.range(0, square.length).filter(i -> square[i] == 1).findFirst().orElseThrow();
            JsonNode want = expected.get("targetCorner").get(b);
            assertEquals(want.get(0).asInt() + "," + want.get(1).asInt(), corner / width + "," + corner % width,
                    "sample " + b + " target corner (row, column)");
        }
        NDArray adversarial = Attack.of(spec).perturb(objective, batch.pixels(), seeds);
        assertCloseImages(expected, adversarial);
        boolean[][] attacked = predictions(objective.logits(adversarial), objective.threshold());
        boolean[][] clean = predictions(objective.logits(batch.pixels()), objective.threshold());
        var falsePositives = SegmentationMetrics.byKey("FalsePositiveArea").orElseThrow();
        for (int b = 0; b < 6; b++) {
            float[] sampleTruth = java.util.Arrays.copyOfRange(truth, b * height * width, (b + 1) * height * width);
            double area = falsePositives.compute(MaskPair.inPixels(attacked[b], sampleTruth, height, width).attackedFrom(clean[b]));
            assertEquals(expected.get("falsePositiveArea").get(b).asDouble(), area, 1e-3, "sample " + b + " false-positive area");
            assertTrue(area > 0, "sample " + b + " gained false positives");
        }
    }

    private static boolean[][] predictions(NDArray logits, float threshold) {
        int batchSize = (int) logits.getShape().get(0);
        float[] values = logits.toFloatArray();
        int pixels = values.length / batchSize;
        boolean[][] predicted = new boolean[batchSize][pixels];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < pixels; i++) {
                predicted[b][i] = 1 / (1 + Math.exp(-values[b * pixels + i])) > threshold;
            }
        }
        return predicted;
    }

    private static void assertCloseImages(JsonNode expected, NDArray adversarial) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(ROOT.resolve(expected.get("file").asText())))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] reference = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(reference);
        float[] actual = adversarial.toFloatArray();
        assertEquals(reference.length, actual.length);
        double meanAbs = 0;
        for (int i = 0; i < actual.length; i++) {
            meanAbs += Math.abs(reference[i] - actual[i]) / actual.length;
        }
        assertTrue(meanAbs <= 1e-3, expected.get("name").asText() + ": mean abs pixel difference " + meanAbs);
    }
}
