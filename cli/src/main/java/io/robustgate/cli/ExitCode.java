package io.robustgate.cli;

/**
 * The process's exit status, which is all a Gradle task or a Python CI step looks at. The usage
 * code is picocli's own ({@code CommandLine.ExitCode.USAGE}), so a mistyped option and a mistyped
 * configuration file read the same to a script.
 */
public final class ExitCode {

    /** Every rule held (or there was nothing to judge: evaluate, report). */
    public static final int PASSED = 0;
    /** A rule was violated or matched no result. */
    public static final int GATE_FAILED = 1;
    /** The command line or the configuration file is wrong; nothing was attacked. */
    public static final int BAD_CONFIGURATION = 2;
    /** A model bundle, held-out set or results file named by the configuration cannot be used. */
    public static final int BAD_INPUT = 3;
    /** Anything else: a bug, reported with its stack trace. Not picocli's default 1, which would read as a failed gate. */
    public static final int INTERNAL_ERROR = 4;

    private ExitCode() {}
}
