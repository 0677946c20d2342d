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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reproduces the independent PyTorch reference of the new attacks ({@code python/make_attack_golden.py},
 * written from {@code docs/attacks.md}) on the golden fixture: adversarial images within 1e-3 mean
 * absolute difference, Dice and IoU within 1e-3 on every sample, APGD's step size at every iteration
 * equal. The six samples run as one batch, as in the reference.
 */
class AttackGoldenTest extends GoldenBundleTest {

    private static final Path ROOT = GoldenFixture.ROOT.resolve("attacks");
    private static JsonNode reference;
    private static RobustnessEvaluator wholeBatch;

    @BeforeAll
    static void readReference() throws IOException {
        reference = new ObjectMapper().readTree(ROOT.resolve("attacks.json").toFile());
        wholeBatch = GoldenFixture.quietEvaluator(bundle, 6);
    }

    @AfterAll
    static void forget() {
        reference = null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"segpgd_eps8", "cospgd_eps8", "apgd_bce_eps4", "apgd_masked_bce_eps4", "apgd_soft_dice_eps4",
            "pgdl2_eps05"})
    void reproducesImagesAndPerSampleFigures(String name) {
        JsonNode expected = entry(name);
        AttackSpec spec = spec(expected);
        float[] reference = floats(expected.get("file").asText());
        float[] actual = Attack.of(spec).perturb(batch.objective(AttackLoss.BCE), batch.pixels(), new long[6]).toFloatArray();
        assertEquals(reference.length, actual.length);
        double meanAbs = 0;
        for (int i = 0; i < actual.length; i++) {
            meanAbs += Math.abs(reference[i] - actual[i]) / actual.length;
        }
        assertTrue(meanAbs <= 1e-3, name + ": mean abs pixel difference " + meanAbs);
        RobustnessResult result = wholeBatch.evaluate(spec);
        for (int i = 0; i < result.samples().size(); i++) {
            SampleResult sample = result.samples().get(i);
            String where = name + " sample " + i;
            assertEquals(expected.get("dice").get(i).asDouble(), sample.adversarialDice(), 1e-3, where + " Dice");
            assertEquals(expected.get("iou").get(i).asDouble(), sample.adversarialIou(), 1e-3, where + " IoU");
            assertEquals(expected.get("l2").get(i).asDouble(), sample.l2(), 2e-3, where + " L2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apgd_bce_eps4", "apgd_masked_bce_eps4", "apgd_soft_dice_eps4"})
    void apgdHalvesItsStepAtTheSameIterationsAsTheReference(String name) {
        JsonNode expected = entry(name);
        ApgdAttack.Run run = new ApgdAttack(spec(expected)).attack(batch.objective(AttackLoss.BCE), batch.pixels(), new long[6]);
        JsonNode steps = expected.get("stepSizes");
        assertEquals(steps.size(), run.stepSizes().length);
        boolean halved = false;
        for (int k = 0; k < steps.size(); k++) {
            for (int b = 0; b < 6; b++) {
                double want = steps.get(k).get(b).asDouble();
                assertEquals(want, run.stepSizes()[k][b], want * 1e-6, name + " step size at iteration " + k + ", sample " + b);
                halved |= run.stepSizes()[k][b] < run.stepSizes()[0][b];
            }
        }
        assertTrue(halved, name + ": the schedule halves the step at least once, so the comparison tests the rule");
    }

    @Test
    void apgdStartsWithTwiceTheBudget() {
        JsonNode expected = entry("apgd_bce_eps4");
        ApgdAttack.Run run = new ApgdAttack(spec(expected)).attack(batch.objective(AttackLoss.BCE), batch.pixels(), new long[6]);
        assertEquals(2 * 4 / 255f, run.stepSizes()[0][0], 1e-9);
        try (NDArray ignored = run.adversarial()) {
            assertEquals(6, ignored.getShape().get(0));
        }
    }

    private static AttackSpec spec(JsonNode expected) {
        String attack = expected.get("attack").asText();
        Map<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("steps", expected.get("steps").asInt());
        options.put("randomStart", false);
        if (attack.equals(AttackNames.APGD) || attack.equals(AttackNames.PGD_L2)) {
            options.put("loss", expected.get("loss").asText());
        }
        return AttackSpec.of(attack, (float) expected.get("eps").asDouble(), options);
    }

    private static JsonNode entry(String name) {
        for (JsonNode attack : reference.get("attacks")) {
            if (attack.get("name").asText().equals(name)) {
                return attack;
            }
        }
        throw new IllegalArgumentException("no reference attack " + name);
    }

    private static float[] floats(String file) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(ROOT.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[bytes.remaining() / 4];
            bytes.asFloatBuffer().get(values);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
