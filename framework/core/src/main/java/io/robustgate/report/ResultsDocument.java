package io.robustgate.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.RecordedGate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results JSON that {@code robustgate:evaluate} and the JUnit extension write and
 * {@code robustgate:check} and {@code robustgate:report} read. A public format (see the README).
 *
 * @param source who produced it, e.g. {@code maven:evaluate} or {@code junit:Class#method}
 * @param configurationOverrides the {@code <key>.override} settings in force when it was produced
 *     (e.g. a sample limit that weakened an annotated gate), so that the file says so wherever it goes
 * @param gate the limits the producer itself asserted on these results (an {@code @AdversarialRobustness}
 *     annotation's); null when it asserted none, as {@code robustgate:evaluate}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultsDocument(int schemaVersion, String tool, String createdAt, String source,
        Map<String, String> configurationOverrides, List<RobustnessResult> results, RecordedGate gate) {

    public static final int SCHEMA_VERSION = 2;

    public ResultsDocument {
        configurationOverrides = configurationOverrides == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(configurationOverrides));
        results = results == null ? List.of() : List.copyOf(results);
    }

    public static ResultsDocument of(String source, List<RobustnessResult> results) {
        return new ResultsDocument(SCHEMA_VERSION, "robustgate", java.time.Instant.now().toString(), source, Map.of(),
                results, null);
    }

    public ResultsDocument withConfigurationOverrides(Map<String, String> overrides) {
        return new ResultsDocument(schemaVersion, tool, createdAt, source, overrides, results, gate);
    }

    /** The same document, saying that its producer asserted {@code value} on its results. */
    public ResultsDocument withGate(RecordedGate value) {
        return new ResultsDocument(schemaVersion, tool, createdAt, source, configurationOverrides, results,
                value == null || !value.gates() ? null : value);
    }
}
