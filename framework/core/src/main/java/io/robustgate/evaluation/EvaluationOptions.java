package io.robustgate.evaluation;

import java.nio.file.Path;

/**
 * How an evaluation runs: samples per batch ({@link #AUTO_BATCH_SIZE}: measured per model, see
 * {@link BatchSizeChoice}), how many worst samples keep their pictures, the bootstrap seed, who
 * hears about progress, which {@link Shard} of the set to evaluate, and where finished batches are
 * checkpointed so that a killed run resumes ({@code null}: nowhere, see {@link BatchCheckpoint}), and
 * whether a sample leaves an attack once its Dice is 0 ({@code earlyExit}, on by default: it can
 * only make figures cheaper, never weaker; see {@code io.robustgate.attack.FloorExit}).
 */
public record EvaluationOptions(int batchSize, int keptWorstSamples, long bootstrapSeed, ProgressListener progress,
        Shard shard, Path checkpointDirectory, boolean earlyExit) {

    /** Batch size 0: time a few gradient passes at candidate sizes on the first samples and keep the fastest. */
    public static final int AUTO_BATCH_SIZE = 0;

    public static final EvaluationOptions DEFAULTS =
            new EvaluationOptions(AUTO_BATCH_SIZE, 3, 20240601L, new ConsoleProgress());

    public EvaluationOptions {
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be at least 1 (or 0 for automatic) but is " + batchSize);
        }
        if (progress == null) {
            progress = ProgressListener.NONE;
        }
        if (shard == null) {
            shard = Shard.WHOLE;
        }
    }

    /** With early exit. */
    public EvaluationOptions(int batchSize, int keptWorstSamples, long bootstrapSeed, ProgressListener progress,
            Shard shard, Path checkpointDirectory) {
        this(batchSize, keptWorstSamples, bootstrapSeed, progress, shard, checkpointDirectory, true);
    }

    /** Options for the whole set, without checkpoints. */
    public EvaluationOptions(int batchSize, int keptWorstSamples, long bootstrapSeed, ProgressListener progress) {
        this(batchSize, keptWorstSamples, bootstrapSeed, progress, Shard.WHOLE, null);
    }

    public boolean automaticBatchSize() {
        return batchSize == AUTO_BATCH_SIZE;
    }

    /** An explicit batch size (≥ 1), or {@link #AUTO_BATCH_SIZE}. */
    public EvaluationOptions withBatchSize(int value) {
        return new EvaluationOptions(value, keptWorstSamples, bootstrapSeed, progress, shard, checkpointDirectory, earlyExit);
    }

    public EvaluationOptions withProgress(ProgressListener value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, value, shard, checkpointDirectory, earlyExit);
    }

    public EvaluationOptions withKeptWorstSamples(int value) {
        return new EvaluationOptions(batchSize, value, bootstrapSeed, progress, shard, checkpointDirectory, earlyExit);
    }

    public EvaluationOptions withShard(Shard value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, progress, value, checkpointDirectory, earlyExit);
    }

    public EvaluationOptions withCheckpointDirectory(Path value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, progress, shard, value, earlyExit);
    }

    /** Off: every attack runs all its passes on every sample, as for comparing against a reference loop. */
    public EvaluationOptions withEarlyExit(boolean value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, progress, shard, checkpointDirectory, value);
    }
}
