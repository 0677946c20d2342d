package io.robustgate.evaluation;

/**
 * An explicit batch size no larger than the set it batches: {@code batchSize: 100000} on a 4-sample
 * set runs batches of 4, and the results record 4 ({@code timings.batchSize}), the size that really
 * ran and that reproduces the run, not the size that was asked for.
 */
public final class SetSizedBatch {

    private SetSizedBatch() {}

    /**
     * {@code requested}, or {@code samples} (at least 1) when it is larger. Silent: the analyses and
     * set-level fits batch subsets of the set with the parent's size, so the front-ends, which print
     * the batch size once, say when it was lowered ({@link #describe}).
     */
    static int of(int requested, int samples) {
        return Math.min(requested, Math.max(1, samples));
    }

    /** What a front-end prints about an explicit size it was given, e.g. that 100000 became the 4 samples. */
    public static String describe(int requested, int used) {
        return requested > used ? "batch size " + requested + " is more than the " + used + " sample(s) to attack:"
                + " batches of " + used + " are used and recorded" : "batch size " + used;
    }
}
