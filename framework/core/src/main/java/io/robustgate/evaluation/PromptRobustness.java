package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.metric.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much a result depends on the prompt: the samples of each image (one per prompt variant, as
 * {@code prompt=all} expands them) side by side, and over the images the mean of each image's
 * worst-prompt Dice and of its spread (max − min attacked Dice), each with a bootstrap 95% interval.
 *
 * @param meanOwnPromptDice with transfer measured, the mean Dice of each perturbation under the
 *     prompt it was crafted for; null otherwise
 * @param meanTransferredDice with transfer measured, the mean Dice of each perturbation under the
 *     image's other prompts: near the own-prompt Dice, an attacker need not know the prompt; null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptRobustness(List<ImagePrompts> images, Summary worstPromptDice, Summary promptSpread,
        Double meanOwnPromptDice, Double meanTransferredDice) {

    public PromptRobustness {
        images = List.copyOf(images);
    }

    /**
     * Groups samples by image and mask; null when no image has two or more prompts (a set read
     * with one prompt key), since then nothing about prompts can be said.
     */
    public static PromptRobustness of(List<SampleResult> samples, long bootstrapSeed) {
        Map<String, List<SampleResult>> byImage = new LinkedHashMap<>();
        for (SampleResult sample : samples) {
            byImage.computeIfAbsent(sample.imageName() + "|" + sample.maskName(), k -> new ArrayList<>()).add(sample);
        }
        if (byImage.values().stream().noneMatch(group -> group.size() > 1)) {
            return null;
        }
        return ofImages(byImage.values().stream().map(ImagePrompts::of).toList(), bootstrapSeed);
    }

    /** The summaries over {@code images}, as they are (with or without transfer). */
    static PromptRobustness ofImages(List<ImagePrompts> images, long bootstrapSeed) {
        double[] worst = images.stream().mapToDouble(ImagePrompts::worstDice).toArray();
        double[] spread = images.stream().mapToDouble(ImagePrompts::spread).toArray();
        Double own = mean(images.stream().mapToDouble(ImagePrompts::ownPromptDice));
        Double transferred = mean(images.stream().mapToDouble(ImagePrompts::transferredDice));
        return new PromptRobustness(images, Summary.of(worst, bootstrapSeed), Summary.of(spread, bootstrapSeed), own,
                transferred);
    }

    private static Double mean(java.util.stream.DoubleStream values) {
        java.util.OptionalDouble mean = values.filter(Double::isFinite).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    /** The {@code n} images whose prompts disagree most under attack, largest spread first. */
    public List<ImagePrompts> largestSpread(int n) {
        return images.stream().sorted(Comparator.comparingDouble(ImagePrompts::spread).reversed()).limit(n).toList();
    }
}
