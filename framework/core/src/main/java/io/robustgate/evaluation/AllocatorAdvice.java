package io.robustgate.evaluation;

import java.util.Optional;

/**
 * Whether this process runs with glibc's allocator tuned for attacks. JVM threads get secondary
 * malloc arenas that unmap a batch's activations after every pass and fault them in again on the
 * next; a convolutional model then runs several times slower per sample at batch 8 than at batch 1
 * (docs/performance.md: "Why batches were slower than single samples, and the fix"). The environment variable
 * must be set before the JVM starts, so a running front-end can only advise.
 */
public final class AllocatorAdvice {

    /** One arena, never trimmed, no mmapped chunks: what this build's test JVMs use. */
    public static final String RECOMMENDED_TUNABLES =
            "glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=17179869184:glibc.malloc.mmap_max=0";

    private AllocatorAdvice() {}

    /** The advice for this process, started by {@code mvn}, or empty when it is not needed here. */
    public static Optional<String> forThisProcess() {
        return forThisProcess("mvn");
    }

    /** The same advice for a process started by {@code launcher}, e.g. {@code java -jar} for the CLI. */
    public static Optional<String> forThisProcess(String launcher) {
        return advice(System.getProperty("os.name"), System.getenv("GLIBC_TUNABLES"), launcher);
    }

    static Optional<String> advice(String osName, String tunables) {
        return advice(osName, tunables, "mvn");
    }

    /** @param osName {@code os.name}; @param tunables the value of {@code GLIBC_TUNABLES}, or null when unset */
    static Optional<String> advice(String osName, String tunables, String launcher) {
        if (osName == null || !osName.startsWith("Linux")) {
            return Optional.empty();
        }
        if (tunables != null && tunables.contains("glibc.malloc.arena_max")) {
            return Optional.empty();
        }
        return Optional.of("GLIBC_TUNABLES does not set glibc.malloc.arena_max, so batches of a convolutional model may run"
                + " several times slower per sample than batch 1. Before " + launcher + ": export GLIBC_TUNABLES=" + RECOMMENDED_TUNABLES
                + " (docs/performance.md: \"Why batches were slower than single samples, and the fix\").");
    }
}
