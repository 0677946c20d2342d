package io.robustgate.maven;

/**
 * DJL asks the CUDA runtime for GPUs several times while the engine starts and a device is chosen,
 * and on a machine with a CUDA runtime but no usable driver each ask logs "Failed to detect GPU
 * count" as a warning in the Maven log, four times on a CPU-only machine. RobustGate already
 * logs the device it uses (and fails clearly when a GPU is asked for and missing), so that probe
 * is lowered to errors for Maven's logger. Maven's SLF4J logger reads a logger's level from
 * system properties when the logger is created, so this must run before DJL's classes load; a
 * level the user set (e.g. in MAVEN_OPTS) wins.
 */
final class CudaProbeLogging {

    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    private CudaProbeLogging() {}

    static void quiet() {
        if (System.getProperty(LEVEL_PROPERTY) == null) {
            System.setProperty(LEVEL_PROPERTY, "error");
        }
    }
}
