package io.robustgate.sample;

import static io.robustgate.attack.AttackNames.PGD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.ImagePrompts;
import io.robustgate.evaluation.PromptRobustness;
import io.robustgate.evaluation.PromptScore;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;

/**
 * Every prompt variant of an image attacked: the held-out set read with {@code prompt = "all"}
 * makes each of HC18's eight non-empty prompts (p1, p2's two, p3, p4, p5, p6's two) a sample.
 * The first 16 samples are the first two images under all eight prompts; PGD-10 at 1/255 with
 * prompt transfer (1/255, not 2/255: the POM's PGD 2/255 rule would gate this result too).
 * Measured (CPU, seed 42): Dice 0.722 → 0.250 over the 16 samples; worst-prompt Dice 0.249,
 * spread 0.002 over the 2 images; each perturbation scores 0.250 under its own prompt and under
 * the image's other seven. The limits are regression floors around these (the sample README has
 * {@code PromptAndCriticalBudgetBenchmark}'s figures for all 48 images at 2/255).
 */
@RobustnessModel("src/test/resources/models/hc18")
@HeldOutSet(value = "src/test/resources/hc18", split = "test", prompt = "all")
class PromptRobustnessTest {

    @AdversarialRobustness(attack = PGD, eps = 1 / 255f, steps = 10, sampleLimit = 16, promptTransfer = true,
            minWorstPromptDice = 0.20, maxPromptSpread = 0.05)
    void everyPromptOfAnImageIsAttackedAndCompared(RobustnessResult result) {
        PromptRobustness prompts = result.promptRobustness().orElseThrow();
        assertEquals(2, prompts.images().size(), "16 samples: two images under eight prompts");
        for (ImagePrompts image : prompts.images()) {
            assertEquals(8, image.prompts().size(), image.imageName());
            for (PromptScore prompt : image.prompts()) {
                assertTrue(image.worstDice() <= prompt.adversarialDice(), image.imageName() + " " + prompt.promptKey());
            }
            assertEquals(8, image.transfer().size(), "one perturbation per prompt, scored under every prompt");
        }
    }
}
