package io.robustgate.evaluation;

/** Told after every batch of a long run. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (task, done, total, elapsedNanos) -> {};

    void progress(String task, int done, int total, long elapsedNanos);
}
