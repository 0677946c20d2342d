package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import io.robustgate.GoldenBundleTest;
import io.robustgate.GoldenFixture;
import io.robustgate.attack.Attack;
import io.robustgate.attack.AttackLoss;
import io.robustgate.attack.AttackObjective;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.BudgetSpace;
import io.robustgate.data.PreparedSample;
import io.robustgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reproduces the PyTorch reference (python/make_golden.py) through the engine. libtorch versions
 * differ slightly, so each check compares what is stable: logits and gradients to tight
 * tolerances, FGSM pixels except where the gradient sign may flip near zero, PGD by its metrics.
 */
class GoldenReferenceTest extends GoldenBundleTest {

    @Test
    void preprocessingGivesTheReferenceInput() {
        assertArrayEquals(GoldenFixture.array("clean_x"), concatenatedPixels(), 1e-7f);
    }

    @Test
    void tokenizerReproducesClipIdsAndMasks() {
        JsonNode tokenizer = GoldenFixture.golden().get("tokenizer");
        List<String> prompts = new ArrayList<>();
        tokenizer.get("prompts").forEach(p -> prompts.add(p.asText()));
        assertTrue(prompts.size() >= 20, "at least 20 prompts");
        TokenBatch tokens = bundle.tokenizer().encode(prompts);
        for (int i = 0; i < prompts.size(); i++) {
            assertArrayEquals(longs(tokenizer.get("input_ids").get(i)), tokens.ids()[i], "ids of \"" + prompts.get(i) + "\"");
            assertArrayEquals(longs(tokenizer.get("attention_mask").get(i)), tokens.attentionMask()[i],
                    "mask of \"" + prompts.get(i) + "\"");
        }
    }

    @Test
    void cleanLogitsMatchWithinOneTenThousandth() {
        float[] expected = GoldenFixture.array("clean_logits");
        float[] actual = objective(AttackLoss.BCE).logits(pixels()).toFloatArray();
        assertEquals(expected.length, actual.length);
        float maxAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(maxAbs <= 1e-4, "max abs logit difference " + maxAbs);
    }

    @Test
    void cleanPassReproducesReferenceDice() {
        JsonNode dice = GoldenFixture.golden().get("clean").get("dice");
        CleanPass clean = evaluator.cleanPass();
        for (int i = 0; i < dice.size(); i++) {
            assertEquals(dice.get(i).asDouble(), clean.overlaps().get(i).dice(), 1e-3, "clean Dice of sample " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"BCE, grad_bce", "DICE_BCE, grad_dice_bce"})
    void inputGradientMatchesWithinOneTenThousandthRelative(AttackLoss loss, String reference) {
        float[] expected = GoldenFixture.array(reference);
        float[] actual = objective(loss).evaluate(pixels()).gradient().toFloatArray();
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += Math.pow(expected[i] - actual[i], 2);
            norm += Math.pow(expected[i], 2);
        }
        double relative = Math.sqrt(difference / norm);
        assertTrue(norm > 0, "reference gradient is non-zero");
        assertTrue(relative <= 1e-4, "relative L2 gradient difference " + relative);
    }

    @ParameterizedTest
    @CsvSource({"fgsm_eps2_pixel_bce", "fgsm_eps8_pixel_bce", "fgsm_eps4_normalized_bce"})
    void fgsmImagesEqualOnAlmostEveryPixel(String name) {
        JsonNode reference = GoldenFixture.attack(name);
        AttackSpec spec = AttackSpec.fgsm((float) reference.get("eps").asDouble())
                .withSpace(BudgetSpace.valueOf(reference.get("budgetSpace").asText()));
        float[] expected = GoldenFixture.array(name);
        float[] actual = Attack.of(spec).perturb(objective(AttackLoss.BCE), pixels(), new long[6]).toFloatArray();
        int equal = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) <= 1e-5) {
                equal++;
            }
        }
        double share = (double) equal / expected.length;
        assertTrue(share >= 0.999, name + ": only " + share + " of pixels equal");
        assertPerSample(reference, evaluator.evaluate(spec));
    }

    @ParameterizedTest
    @CsvSource({"pgd_eps2_pixel_bce", "pgd_eps8_pixel_bce"})
    void pgdReproducesImagesAndMetrics(String name) {
        JsonNode reference = GoldenFixture.attack(name);
        AttackSpec spec = AttackSpec.pgd((float) reference.get("eps").asDouble())
                .withSteps(reference.get("steps").asInt())
                .withRandomStart(false);
        float[] expected = GoldenFixture.array(name);
        float[] actual = Attack.of(spec).perturb(objective(AttackLoss.BCE), pixels(), new long[6]).toFloatArray();
        double meanAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            meanAbs += Math.abs(expected[i] - actual[i]) / expected.length;
        }
        assertTrue(meanAbs <= 1e-3, name + ": mean abs pixel difference " + meanAbs);
        assertPerSample(reference, evaluator.evaluate(spec));
    }

    private static void assertPerSample(JsonNode reference, RobustnessResult result) {
        for (int i = 0; i < result.samples().size(); i++) {
            SampleResult sample = result.samples().get(i);
            String where = reference.get("name").asText() + " sample " + i;
            assertEquals(reference.get("dice").get(i).asDouble(), sample.adversarialDice(), 1e-3, where + " Dice");
            assertEquals(reference.get("iou").get(i).asDouble(), sample.adversarialIou(), 1e-3, where + " IoU");
            assertEquals(reference.get("linf").get(i).asDouble(), sample.linf(), 1e-6, where + " Linf");
            assertEquals(reference.get("l2").get(i).asDouble(), sample.l2(), 1e-3, where + " L2");
        }
    }

    private static AttackObjective objective(AttackLoss loss) {
        return batch.objective(loss);
    }

    private static NDArray pixels() {
        return batch.pixels();
    }

    private static float[] concatenatedPixels() {
        List<PreparedSample> samples = evaluator.samples();
        int size = samples.get(0).pixels().length;
        float[] all = new float[samples.size() * size];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).pixels(), 0, all, i * size, size);
        }
        return all;
    }

    private static long[] longs(JsonNode values) {
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i).asLong();
        }
        return result;
    }
}
