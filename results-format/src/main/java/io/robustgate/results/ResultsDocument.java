package io.robustgate.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.evaluation.Provenance;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.RecordedGate;
import io.robustgate.evaluation.ShardLayout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results JSON that {@code robustgate:evaluate} and the JUnit extension write and
 * {@code robustgate:check} and {@code robustgate:report} read. A public format (docs/results-json.md).
 *
 * @param source who produced it, e.g. {@code maven:evaluate} or {@code junit:Class#method}
 * @param configurationOverrides the {@code <key>.override} settings in force when it was produced
 *     (e.g. a sample limit that weakened an annotated gate), so that the file says so wherever it goes
 * @param provenance model file, data set (by content hash) and RobustGate version the results come
 *     from; null in files written before schema 3
 * @param shard which shard of the set the results cover, for the merge ({@link ShardMerge}); null
 *     for the whole set
 * @param gate the limits the producer itself asserted on these results (an {@code @AdversarialRobustness}
 *     annotation's); null when it asserted none, as {@code robustgate:evaluate}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultsDocument(int schemaVersion, String tool, String createdAt, String source,
        Map<String, String> configurationOverrides, List<RobustnessResult> results, Provenance provenance,
        ShardLayout shard, RecordedGate gate) {

    public static final int SCHEMA_VERSION = 3;

    public ResultsDocument {
        configurationOverrides = configurationOverrides == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(configurationOverrides));
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** A document without provenance or shard (schema 2's fields). */
    public ResultsDocument(int schemaVersion, String tool, String createdAt, String source,
            Map<String, String> configurationOverrides, List<RobustnessResult> results) {
        this(schemaVersion, tool, createdAt, source, configurationOverrides, results, null, null, null);
    }

    /** A document whose producer recorded no gate of its own. */
    public ResultsDocument(int schemaVersion, String tool, String createdAt, String source,
            Map<String, String> configurationOverrides, List<RobustnessResult> results, Provenance provenance,
            ShardLayout shard) {
        this(schemaVersion, tool, createdAt, source, configurationOverrides, results, provenance, shard, null);
    }

    public static ResultsDocument of(String source, List<RobustnessResult> results) {
        return new ResultsDocument(SCHEMA_VERSION, "robustgate", java.time.Instant.now().toString(), source, Map.of(),
                results, null, null, null);
    }

    /** The results of an evaluator, with what they were computed from and, when sharded, which shard. */
    public static ResultsDocument of(String source, List<RobustnessResult> results,
            io.robustgate.evaluation.RobustnessEvaluator evaluator) {
        return of(source, results).withProvenance(evaluator.provenance(), evaluator.shardLayout().orElse(null));
    }

    public ResultsDocument withConfigurationOverrides(Map<String, String> overrides) {
        return new ResultsDocument(schemaVersion, tool, createdAt, source, overrides, results, provenance, shard, gate);
    }

    public ResultsDocument withProvenance(Provenance value, ShardLayout layout) {
        return new ResultsDocument(schemaVersion, tool, createdAt, source, configurationOverrides, results, value, layout,
                gate);
    }

    public ResultsDocument withResults(List<RobustnessResult> value) {
        return new ResultsDocument(schemaVersion, tool, createdAt, source, configurationOverrides, value, provenance,
                shard, gate);
    }

    /** The same document, saying that its producer asserted {@code value} on its results. */
    public ResultsDocument withGate(RecordedGate value) {
        return new ResultsDocument(schemaVersion, tool, createdAt, source, configurationOverrides, results, provenance,
                shard, value == null || !value.gates() ? null : value);
    }
}
