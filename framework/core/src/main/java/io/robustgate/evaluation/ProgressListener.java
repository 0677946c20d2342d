package io.robustgate.evaluation;

/** Told after every batch of a long run, and after every gradient pass of its first batch. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (task, done, total, elapsedNanos) -> {};

    void progress(String task, int done, int total, long elapsedNanos);

    /**
     * After each gradient pass of a run's first batch, before any {@link #progress} line: at the
     * real model's size one batch of a strong attack takes minutes, and whoever started the run
     * should not wait that long to learn its pace.
     *
     * @param step the attack loop's step that pass belonged to (from 0), of {@code steps}
     * @param passes gradient passes of the batch so far
     * @param elapsedNanos since the batch started
     */
    default void firstBatchPass(String task, int batchSamples, int step, int steps, int passes, long elapsedNanos) {}

    /** A one-off remark for the run's log, e.g. that a checkpoint was resumed or ignored. */
    default void note(String message) {
        System.out.println("[robustgate] " + message);
    }
}
