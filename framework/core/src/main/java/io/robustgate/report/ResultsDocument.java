package io.robustgate.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.evaluation.RobustnessResult;
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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultsDocument(int schemaVersion, String tool, String createdAt, String source,
        Map<String, String> configurationOverrides, List<RobustnessResult> results) {

    public static final int SCHEMA_VERSION = 2;

    public ResultsDocument {
        configurationOverrides = configurationOverrides == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(configurationOverrides));
        results = results == null ? List.of() : List.copyOf(results);
    }

    public static ResultsDocument of(String source, List<RobustnessResult> results) {
        return new ResultsDocument(SCHEMA_VERSION, "robustgate", java.time.Instant.now().toString(), source, Map.of(),
                results);
    }

    public ResultsDocument withConfigurationOverrides(Map<String, String> overrides) {
        return new ResultsDocument(schemaVersion, tool, createdAt, source, overrides, results);
    }
}
