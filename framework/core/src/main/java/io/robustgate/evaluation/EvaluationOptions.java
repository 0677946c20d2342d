package io.robustgate.evaluation;

import java.nio.file.Path;

/**
 * How an evaluation runs: samples per batch ({@link #AUTO_BATCH_SIZE}: measured per model, see
 * {@link BatchSizeChoice}), how many worst samples keep their pictures, the bootstrap seed, who
 * hears about progress, which {@link Shard} of the set to evaluate, and where finished batches are
 * checkpointed so that a killed run resumes ({@code null}: nowhere, see {@link BatchCheckpoint}), and
 * whether a sample leaves an attack once its Dice is 0 ({@code earlyExit}, on by default: it can
 * only make figures cheaper, never weaker; see {@code io.robustgate.attack.FloorExit}), and whether an
 * automatic batch size stays small enough for sequential gates to stop early ({@code sequentialBatches}).
 *
 * @param sequentialBatches whether an automatic batch size is at most 1/{@value #SEQUENTIAL_BATCH_SHARE} of the
 *     set (at least 1): a sequential evaluation decides after whole batches, so with 16 of 48 images per batch it
 *     could not stop before a third of the set. An explicit batch size is kept as given.
 */
public record EvaluationOptions(int batchSize, int keptWorstSamples, long bootstrapSeed, ProgressListener progress,
        Shard shard, Path checkpointDirectory, boolean earlyExit, boolean sequentialBatches) {

    /** A sequential evaluation's automatic batch holds at most this share (1/16) of the set. */
    public static final int SEQUENTIAL_BATCH_SHARE = 16;

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

    /** With early exit, batches sized for full runs. */
    public EvaluationOptions(int batchSize, int keptWorstSamples, long bootstrapSeed, ProgressListener progress,
            Shard shard, Path checkpointDirectory) {
        this(batchSize, keptWorstSamples, bootstrapSeed, progress, shard, checkpointDirectory, true, false);
    }

    /** The largest automatic batch size for a set of {@code setSize} samples. */
    public int automaticBatchCap(int setSize) {
        return sequentialBatches ? Math.max(1, setSize / SEQUENTIAL_BATCH_SHARE) : setSize;
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
        return new EvaluationOptions(value, keptWorstSamples, bootstrapSeed, progress, shard, checkpointDirectory, earlyExit, sequentialBatches);
    }

    public EvaluationOptions withProgress(ProgressListener value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, value, shard, checkpointDirectory, earlyExit, sequentialBatches);
    }

    public EvaluationOptions withKeptWorstSamples(int value) {
        return new EvaluationOptions(batchSize, value, bootstrapSeed, progress, shard, checkpointDirectory, earlyExit, sequentialBatches);
    }

    public EvaluationOptions withShard(Shard value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, progress, value, checkpointDirectory, earlyExit, sequentialBatches);
    }

    public EvaluationOptions withCheckpointDirectory(Path value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, progress, shard, value, earlyExit, sequentialBatches);
    }

    /** Off: every attack runs all its passes on every sample, as for comparing against a reference loop. */
    public EvaluationOptions withEarlyExit(boolean value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, progress, shard, checkpointDirectory, value, sequentialBatches);
    }

    /** On: an automatic batch size of at most 1/16 of the set, for sequential gates ({@link #automaticBatchCap}). */
    public EvaluationOptions withSequentialBatches(boolean value) {
        return new EvaluationOptions(batchSize, keptWorstSamples, bootstrapSeed, progress, shard, checkpointDirectory, earlyExit, value);
    }
}
