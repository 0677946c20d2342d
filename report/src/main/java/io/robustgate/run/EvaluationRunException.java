package io.robustgate.run;

/**
 * Why an {@link EvaluationRun} stopped, with the message the user reads; each front-end turns it into
 * its own failure (a {@code MojoExecutionException}, the CLI's exit codes).
 */
public final class EvaluationRunException extends RuntimeException {

    /** A setting the user wrote is wrong ({@code device}, {@code torchThreads}, an attack), or an input is. */
    public enum Kind { SETTING, INPUT }

    private final Kind kind;

    EvaluationRunException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
