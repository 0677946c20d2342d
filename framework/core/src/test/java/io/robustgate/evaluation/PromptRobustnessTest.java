package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.GateViolation;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RobustnessGate;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prompt robustness on the golden held-out set read with {@code prompt=all}: its annotation file
 * has list prompts ({@code "p2": ["fetal skull", "head of the fetus"]}), so each image is several
 * samples, one per non-empty variant.
 */
class PromptRobustnessTest {

    private static final AttackSpec PGD = AttackSpec.of(AttackNames.PGD, 4 / 255f, Map.of("steps", 5));

    private static ModelBundle bundle;
    private static RobustnessEvaluator evaluator;
    private static RobustnessResult result;

    @BeforeAll
    static void attackEveryPrompt() {
        bundle = GoldenFixture.loadBundle();
        evaluator = new RobustnessEvaluator(bundle, HeldOutSet.load(GoldenFixture.HELD_OUT, "test", PromptChoice.of("all")),
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(5));
        result = evaluator.evaluate(PGD, Analyses.NONE.withPromptTransfer(true));
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    /** The non-empty prompt variants of each image, read from the annotation file itself. */
    private static Map<String, List<String>> variantsByImage() throws IOException {
        JsonNode entries = new ObjectMapper().readTree(GoldenFixture.HELD_OUT.resolve("anns/test.json").toFile());
        Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
        for (JsonNode entry : entries) {
            List<String> texts = new ArrayList<>();
            entry.get("prompts").forEach(value -> {
                if (value.isArray()) {
                    value.forEach(v -> texts.add(v.asText()));
                } else if (!value.asText().isBlank()) {
                    texts.add(value.asText());
                }
            });
            variants.put(entry.get("img_name").asText(), texts);
        }
        return variants;
    }

    @Test
    void eachImageListsEveryPromptVariantWithItsWorstPromptAndSpread() throws IOException {
        PromptRobustness prompts = result.promptRobustness().orElseThrow();
        Map<String, List<String>> expected = variantsByImage();
        assertEquals(expected.keySet(), prompts.images().stream().map(ImagePrompts::imageName)
                .collect(java.util.stream.Collectors.toSet()));
        for (ImagePrompts image : prompts.images()) {
            assertEquals(expected.get(image.imageName()), image.prompts().stream().map(PromptScore::prompt).toList(),
                    image.imageName());
            assertTrue(image.prompts().size() >= 3, "the fixture's list prompts give each image several samples");
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            String worst = null;
            for (SampleResult sample : result.samples()) {
                if (sample.imageName().equals(image.imageName())) {
                    if (sample.adversarialDice() < min) {
                        min = sample.adversarialDice();
                        worst = sample.promptKey();
                    }
                    max = Math.max(max, sample.adversarialDice());
                }
            }
            assertEquals(min, image.worstDice(), 1e-12, image.imageName());
            assertEquals(worst, image.worstPrompt(), image.imageName());
            assertEquals(max - min, image.spread(), 1e-12, image.imageName());
        }
        double meanWorst = prompts.images().stream().mapToDouble(ImagePrompts::worstDice).average().orElseThrow();
        assertEquals(meanWorst, prompts.worstPromptDice().mean(), 1e-12);
        assertTrue(prompts.worstPromptDice().mean() <= result.adversarialDice().mean(),
                "the worst prompt of each image scores at most the mean over its prompts");
        List<ImagePrompts> widest = prompts.largestSpread(2);
        assertTrue(widest.get(0).spread() >= widest.get(1).spread());
        assertTrue(prompts.images().stream().allMatch(i -> i.spread() <= widest.get(0).spread()));
    }

    @Test
    void transferScoresEachPromptsPerturbationUnderEveryPromptOfTheImage() {
        PromptRobustness prompts = result.promptRobustness().orElseThrow();
        int differentOffDiagonal = 0;
        for (ImagePrompts image : prompts.images()) {
            int k = image.prompts().size();
            assertEquals(k, image.transfer().size(), image.imageName());
            for (int a = 0; a < k; a++) {
                assertEquals(k, image.transfer().get(a).size());
                // The diagonal is the attack under its own prompt: the evaluation's own figure, up to batching.
                assertEquals(image.prompts().get(a).adversarialDice(), image.transfer().get(a).get(a), 0.02,
                        image.imageName() + " " + image.prompts().get(a).promptKey());
                for (int b = 0; b < k; b++) {
                    if (a != b && Math.abs(image.transfer().get(a).get(b) - image.transfer().get(a).get(a)) > 1e-9) {
                        differentOffDiagonal++;
                    }
                }
            }
        }
        assertTrue(differentOffDiagonal > 0, "another prompt changes the prediction on some perturbed image");
        assertTrue(prompts.meanOwnPromptDice() != null && prompts.meanTransferredDice() != null);
    }

    @Test
    void gatesBoundTheWorstPromptDiceAndTheSpread() {
        PromptRobustness prompts = result.promptRobustness().orElseThrow();
        double worst = prompts.worstPromptDice().mean();
        double spread = prompts.promptSpread().mean();
        RobustnessGate passing = new RobustnessGate(List.of(Limit.minimum(GateMetric.WORST_PROMPT_DICE, worst - 1e-6),
                Limit.maximum(GateMetric.PROMPT_SPREAD, spread + 1e-6)), GateStatistic.MEAN);
        assertEquals(List.of(), passing.check(result));
        RobustnessGate failing = new RobustnessGate(List.of(Limit.minimum(GateMetric.WORST_PROMPT_DICE, worst + 0.01),
                Limit.maximum(GateMetric.PROMPT_SPREAD, spread - 0.01)), GateStatistic.MEAN);
        List<GateViolation> violations = failing.check(result);
        assertEquals(2, violations.size());
        assertTrue(violations.get(0).message().contains("minWorstPromptDice")
                && violations.get(0).message().contains(prompts.largestSpread(1).get(0).imageName()), violations.get(0).message());
        assertTrue(violations.get(1).message().contains("maxPromptSpread"), violations.get(1).message());
        // The pessimistic bound of a spread is the upper end of its interval.
        RobustnessGate bound = new RobustnessGate(List.of(Limit.maximum(GateMetric.PROMPT_SPREAD, spread + 1e-6)),
                GateStatistic.CONFIDENCE_BOUND);
        assertEquals(prompts.promptSpread().ciHigh() > spread + 1e-6 ? 1 : 0, bound.check(result).size());
    }

    @Test
    void aSetWithOnePromptPerImageHasNoPromptComparisonAndItsPromptGateFails() {
        RobustnessEvaluator onePrompt = GoldenFixture.quietEvaluator(bundle, 6);
        RobustnessResult plain = onePrompt.evaluate(AttackSpec.fgsm(2 / 255f), Analyses.NONE);
        assertTrue(plain.promptRobustness().isEmpty());
        List<GateViolation> violations = new RobustnessGate(List.of(Limit.minimum(GateMetric.WORST_PROMPT_DICE, 0.1)),
                GateStatistic.MEAN).check(plain);
        assertEquals(1, violations.size());
        assertTrue(violations.get(0).message().contains("prompt=all"), violations.get(0).message());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> onePrompt.evaluate(AttackSpec.fgsm(2 / 255f), Analyses.NONE.withPromptTransfer(true)));
        assertTrue(error.getMessage().contains("prompt=all"), error.getMessage());
    }
}
