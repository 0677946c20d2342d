package io.robustgate.evaluation;

import io.robustgate.attack.MaskingAlarm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One attack's results from every shard of a set, merged into what an unsharded run gives: the
 * per-sample results in the set's order, aggregates recomputed by {@link SampleAggregates} with
 * the same bootstrap seed, and alarms recomputed over all samples. A random-model alarm comes
 * from shard 1, whose first batch is the unsharded run's first batch (the first block).
 */
public final class ShardedResult {

    private ShardedResult() {}

    /**
     * @param parts the shards' results for one attack, shard 1 first
     * @param order every sample id the merged result must hold, in the set's order
     * @param earlier merged results of the same run before this one (for the weaker-beats-stronger check)
     * @throws IllegalArgumentException naming the sample when the parts overlap or leave one out
     */
    public static RobustnessResult merge(List<RobustnessResult> parts, List<String> order, long bootstrapSeed,
            List<RobustnessResult> earlier) {
        Map<String, SampleResult> byId = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            for (SampleResult sample : parts.get(p).samples()) {
                if (byId.put(sample.sampleId(), sample) != null) {
                    throw new IllegalArgumentException("sample " + sample.sampleId() + " is in more than one shard ("
                            + "shard " + (p + 1) + " and an earlier one): the shards overlap");
                }
            }
        }
        List<SampleResult> samples = new ArrayList<>(order.size());
        for (String id : order) {
            SampleResult sample = byId.remove(id);
            if (sample == null) {
                throw new IllegalArgumentException("sample " + id + " is in no shard: the shards are incomplete");
            }
            samples.add(sample);
        }
        if (!byId.isEmpty()) {
            throw new IllegalArgumentException("sample " + byId.keySet().iterator().next()
                    + " is not in the held-out set the shards name");
        }
        RobustnessResult first = parts.get(0);
        List<ResultAlarm> alarms = new ArrayList<>();
        first.alarms().stream().filter(a -> a.kind() == MaskingAlarm.RANDOM_OUTPUT)
                .map(a -> new ResultAlarm(a.kind(), samples.size(), a.examples(), a.message()))
                .forEach(alarms::add);
        alarms.addAll(MaskingChecks.perSample(samples));
        double cleanSeconds = parts.stream().mapToDouble(r -> r.timings().cleanPassSeconds()).sum();
        double attackSeconds = parts.stream().mapToDouble(r -> r.timings().attackSeconds()).sum();
        Timings timings = new Timings(cleanSeconds, attackSeconds, samples.size() / attackSeconds,
                first.timings().batchSize(), first.timings().automaticBatchSize());
        RobustnessResult merged = first.withSamples(samples, SampleAggregates.of(samples, bootstrapSeed), alarms, timings);
        for (RobustnessResult part : parts) {
            ResultAnalyses analyses = part.analyses();
            if (analyses != null && (analyses.criticalBudget() != null || analyses.curve() != null
                    || analyses.prompts() != null && analyses.prompts().images().stream().anyMatch(i -> !i.transfer().isEmpty()))) {
                throw new IllegalArgumentException("a shard carries analyses (prompt transfer, critical budget, curve),"
                        + " which need the whole set: run them in an unsharded job");
            }
        }
        // The prompt comparison (a set read with prompt=all) depends on the samples alone.
        PromptRobustness prompts = PromptRobustness.of(samples, bootstrapSeed);
        if (prompts != null) {
            merged = merged.withAnalyses(new ResultAnalyses(prompts, null, null));
        }
        return merged.withAlarms(MaskingChecks.weakerBeatsStronger(merged, earlier));
    }
}
