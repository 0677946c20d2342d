package io.robustgate.evaluation;

import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.SegmentationMetrics;
import io.robustgate.metric.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A result's aggregate figures from its per-sample figures, in one place: the evaluator computes
 * them after a run and the shard merge recomputes them over all shards, so a merge gives exactly
 * the unsharded numbers (same samples, same order, same bootstrap seed).
 *
 * @param figures for each registered metric that every sample has: the clean and attacked means
 *     and the worsening, each with its bootstrap interval ({@code cleanDice}, {@code adversarialDice},
 *     {@code diceDrop}…)
 */
public record SampleAggregates(Map<String, Summary> figures, double maxLinf, double meanL2, double meanPsnr) {

    public static SampleAggregates of(List<SampleResult> results, long seed) {
        Map<String, Summary> figures = new LinkedHashMap<>();
        for (SegmentationMetric metric : SegmentationMetrics.all()) {
            double[] clean = values(results, metric, false);
            double[] attacked = values(results, metric, true);
            if (clean == null || attacked == null) {
                continue; // samples recorded before this metric existed: the result has no figure for it
            }
            double[] worsening = new double[clean.length];
            for (int i = 0; i < clean.length; i++) {
                worsening[i] = metric.worsening(clean[i], attacked[i]);
            }
            figures.put(metric.cleanField(), Summary.of(clean, seed));
            figures.put(metric.attackedField(), Summary.of(attacked, seed));
            figures.put(metric.worseningField(), Summary.of(worsening, seed));
        }
        return new SampleAggregates(figures,
                results.stream().mapToDouble(SampleResult::linf).max().orElse(0),
                results.stream().mapToDouble(SampleResult::l2).average().orElse(0),
                results.stream().mapToDouble(SampleResult::psnr).average().orElse(Double.NaN));
    }

    /** Every sample's figure of {@code metric}, or null when a sample lacks it. */
    private static double[] values(List<SampleResult> results, SegmentationMetric metric, boolean attacked) {
        double[] values = new double[results.size()];
        for (int i = 0; i < values.length; i++) {
            Optional<Double> value = results.get(i).figure(metric, attacked);
            if (value.isEmpty()) {
                return null;
            }
            values[i] = value.get();
        }
        return values;
    }
}
