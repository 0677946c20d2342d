package io.robustgate.evaluation;

/**
 * How an evaluation runs: samples per batch, how many worst samples keep their pictures, the
 * bootstrap seed and who hears about progress.
 */
public record EvaluationOptions(int batchSize, int keptWorstSamples, long bootstrapSeed, ProgressListener progress) {

    public static final EvaluationOptions DEFAULTS =
            new EvaluationOptions(16, 3, 20240601L, new ConsoleProgress());

    public EvaluationOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1 but is " + batchSize);
        }
        if (progress == null) {
            progress = ProgressListener.NONE;
        }
    }

    public EvaluationOptions withBatchSize(int value) {
        return new EvaluationOptions(value, keptWorstSamples, bootstrapSeed, progress);
    }

    public EvaluationOptions withProgress(ProgressListener value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, value);
    }

    public EvaluationOptions withKeptWorstSamples(int value) {
        return new EvaluationOptions(batchSize, value, bootstrapSeed, progress);
    }
}
