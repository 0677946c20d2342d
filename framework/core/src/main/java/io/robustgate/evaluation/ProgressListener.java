package io.robustgate.evaluation;

/** Told after every batch of a long run. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (task, done, total, elapsedNanos) -> {};

    void progress(String task, int done, int total, long elapsedNanos);

    /** A one-off remark for the run's log, e.g. that a checkpoint was resumed or ignored. */
    default void note(String message) {
        System.out.println("[robustgate] " + message);
    }
}
