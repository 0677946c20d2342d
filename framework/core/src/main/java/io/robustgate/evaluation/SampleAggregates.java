package io.robustgate.evaluation;

import io.robustgate.metric.Summary;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A result's aggregate figures from its per-sample figures, in one place: the evaluator computes
 * them after a run and the shard merge recomputes them over all shards, so a merge gives exactly
 * the unsharded numbers (same samples, same order, same bootstrap seed).
 */
public record SampleAggregates(Summary cleanDice, Summary cleanIou, Summary adversarialDice, Summary adversarialIou,
        Summary diceDrop, Summary iouDrop, double maxLinf, double meanL2, double meanPsnr) {

    public static SampleAggregates of(List<SampleResult> results, long seed) {
        return new SampleAggregates(
                summary(results, SampleResult::cleanDice, seed),
                summary(results, SampleResult::cleanIou, seed),
                summary(results, SampleResult::adversarialDice, seed),
                summary(results, SampleResult::adversarialIou, seed),
                summary(results, r -> r.cleanDice() - r.adversarialDice(), seed),
                summary(results, r -> r.cleanIou() - r.adversarialIou(), seed),
                results.stream().mapToDouble(SampleResult::linf).max().orElse(0),
                results.stream().mapToDouble(SampleResult::l2).average().orElse(0),
                results.stream().mapToDouble(SampleResult::psnr).average().orElse(Double.NaN));
    }

    private static Summary summary(List<SampleResult> results, ToDoubleFunction<SampleResult> value, long seed) {
        return Summary.of(results.stream().mapToDouble(value).toArray(), seed);
    }
}
