package io.robustgate.evaluation;

/**
 * Wall-clock seconds of a result's clean pass (shared, measured once) and its attack, and the batch
 * size both ran with. In an FGSM sweep the one gradient pass per batch is shared by the budgets
 * and its time split evenly between them.
 *
 * @param batchSize samples per batch; pass it as the explicit batch size to reproduce a run exactly
 *     (libtorch's float results may differ in the last bits between batch sizes)
 * @param automaticBatchSize whether {@code batchSize} was measured ({@link BatchSizeChoice}) rather than set
 */
public record Timings(double cleanPassSeconds, double attackSeconds, double samplesPerSecond, int batchSize,
        boolean automaticBatchSize) {

    /** Timings without a recorded batch size (results written before it was recorded read as 0). */
    public Timings(double cleanPassSeconds, double attackSeconds, double samplesPerSecond) {
        this(cleanPassSeconds, attackSeconds, samplesPerSecond, 0, false);
    }
}
