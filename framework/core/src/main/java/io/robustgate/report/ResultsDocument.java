package io.robustgate.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.evaluation.RobustnessResult;
import java.util.List;

/**
 * The results JSON that {@code robustgate:evaluate} and the JUnit extension write and
 * {@code robustgate:check} and {@code robustgate:report} read. A public format (see the README).
 *
 * @param source who produced it, e.g. {@code maven:evaluate} or {@code junit:Class#method}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultsDocument(int schemaVersion, String tool, String createdAt, String source,
        List<RobustnessResult> results) {

    public static final int SCHEMA_VERSION = 2;

    public static ResultsDocument of(String source, List<RobustnessResult> results) {
        return new ResultsDocument(SCHEMA_VERSION, "robustgate", java.time.Instant.now().toString(), source,
                List.copyOf(results));
    }
}
