package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.GoldenBundleTest;
import io.robustgate.GoldenFixture;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
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
 * Reproduces the independent PyTorch reference of VANISH ({@code python/make_targeted_golden.py},
 * written from {@code docs/attacks.md}) on the golden fixture at 16/255, where every sample vanishes,
 * each after its own number of steps, so the per-sample exit is compared too: images within 1e-3 mean
 * absolute difference, Dice and IoU within 1e-3, and per sample the clean and attacked predicted
 * areas and whether the lesion vanished as the reference recorded them.
 */
class VanishGoldenTest extends GoldenBundleTest {

    private static final Path ROOT = GoldenFixture.ROOT.resolve("attacks");
    private static JsonNode expected;
    private static RobustnessEvaluator wholeBatch;

    @BeforeAll
    static void readReference() throws IOException {
        expected = new ObjectMapper().readTree(ROOT.resolve("targeted.json").toFile()).get("attacks").get(0);
        wholeBatch = GoldenFixture.quietEvaluator(bundle, 6);
    }

    @Test
    void reproducesImagesAreasAndVanishedSamples() throws IOException {
        AttackSpec spec = AttackSpec.of(AttackNames.VANISH, (float) expected.get("eps").asDouble(),
                Map.of("steps", expected.get("steps").asInt(), "randomStart", false));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(ROOT.resolve(expected.get("file").asText())))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] reference = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(reference);
        float[] actual = Attack.of(spec).perturb(batch.objective(AttackLoss.BCE), batch.pixels(), new long[6]).toFloatArray();
        assertEquals(reference.length, actual.length);
        double meanAbs = 0;
        for (int i = 0; i < actual.length; i++) {
            meanAbs += Math.abs(reference[i] - actual[i]) / actual.length;
        }
        assertTrue(meanAbs <= 1e-3, "mean abs pixel difference " + meanAbs);

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
}
