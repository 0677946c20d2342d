package io.robustgate.maven;

import java.util.Optional;
import org.apache.maven.plugin.logging.Log;

/**
 * Why a goal does nothing in this build, like JaCoCo's "Skipping JaCoCo execution because ...":
 * {@code robustgate.skip}, or tests that are skipped ({@code -DskipTests}, {@code -Dmaven.test.skip}),
 * since then there are no robustness results to compute, gate or report, and
 * {@code mvn install -DskipTests} must not fail on a gate whose tests did not run.
 */
final class SkipReason {

    private SkipReason() {}

    static Optional<String> of(boolean robustgateSkip, boolean skipTests, boolean mavenTestSkip) {
        if (robustgateSkip) {
            return Optional.of("robustgate.skip");
        }
        if (mavenTestSkip) {
            return Optional.of("maven.test.skip");
        }
        if (skipTests) {
            return Optional.of("skipTests");
        }
        return Optional.empty();
    }

    /** Logs the one warning line and says whether the goal must stop. */
    static boolean skipped(Log log, String goal, boolean robustgateSkip, boolean skipTests, boolean mavenTestSkip) {
        Optional<String> reason = of(robustgateSkip, skipTests, mavenTestSkip);
        reason.ifPresent(property -> log.warn("Skipping robustgate:" + goal + " because property " + property
                + " is set: no robustness results are computed or gated in this build"));
        return reason.isPresent();
    }
}
