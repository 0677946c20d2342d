package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Every prompt of one image (and mask), clean and attacked, and what they say together.
 *
 * @param worstPrompt key of the prompt with the lowest attacked Dice
 * @param spread max − min attacked Dice across the prompts
 * @param cleanSpread max − min clean Dice across the prompts
 * @param transfer with prompt transfer measured, {@code transfer[a][b]}: the Dice under prompt
 *     {@code b} of the image perturbed under prompt {@code a} (rows and columns in the order of
 *     {@code prompts}; the diagonal is the attack under its own prompt); empty otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImagePrompts(String imageName, String maskName, List<PromptScore> prompts, String worstPrompt,
        double worstDice, double spread, double cleanSpread, List<List<Double>> transfer) {

    public ImagePrompts {
        prompts = List.copyOf(prompts);
        transfer = transfer == null ? List.of() : transfer.stream().map(List::copyOf).toList();
    }

    /** The scores of several samples of one image; {@code samples} not empty. */
    static ImagePrompts of(List<SampleResult> samples) {
        List<PromptScore> scores = samples.stream()
                .map(s -> new PromptScore(s.promptKey(), s.prompt(), s.cleanDice(), s.adversarialDice()))
                .toList();
        PromptScore worst = scores.get(0);
        double max = Double.NEGATIVE_INFINITY;
        double cleanMin = Double.POSITIVE_INFINITY;
        double cleanMax = Double.NEGATIVE_INFINITY;
        for (PromptScore score : scores) {
            if (score.adversarialDice() < worst.adversarialDice()) {
                worst = score;
            }
            max = Math.max(max, score.adversarialDice());
            cleanMin = Math.min(cleanMin, score.cleanDice());
            cleanMax = Math.max(cleanMax, score.cleanDice());
        }
        return new ImagePrompts(samples.get(0).imageName(), samples.get(0).maskName(), scores, worst.promptKey(),
                worst.adversarialDice(), max - worst.adversarialDice(), cleanMax - cleanMin, List.of());
    }

    public ImagePrompts withTransfer(List<List<Double>> matrix) {
        return new ImagePrompts(imageName, maskName, prompts, worstPrompt, worstDice, spread, cleanSpread, matrix);
    }

    /** Mean of the transfer matrix's diagonal (each perturbation under its own prompt); NaN without transfer. */
    public double ownPromptDice() {
        return mean(true);
    }

    /** Mean of its off-diagonal entries (each perturbation under another prompt); NaN without transfer. */
    public double transferredDice() {
        return mean(false);
    }

    private double mean(boolean diagonal) {
        double sum = 0;
        int count = 0;
        for (int a = 0; a < transfer.size(); a++) {
            for (int b = 0; b < transfer.get(a).size(); b++) {
                if ((a == b) == diagonal) {
                    sum += transfer.get(a).get(b);
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
