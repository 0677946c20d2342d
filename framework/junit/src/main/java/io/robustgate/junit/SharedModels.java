package io.robustgate.junit;

import ai.djl.Device;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.Shard;
import io.robustgate.model.ComputeDevice;
import io.robustgate.model.ModelBundle;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Loaded models and their evaluators (each holding its clean pass), kept in the root context's
 * store so every test class of a run shares them: loading a model and its clean pass cost far more
 * than most attacks. JUnit closes the bundles, which are {@link AutoCloseable}, when the run ends.
 */
final class SharedModels {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedModels.class);

    /** Bundles loaded so far in this JVM; lets tests prove that a model loads once per run. */
    static final AtomicInteger BUNDLE_LOADS = new AtomicInteger();

    /** Bundles JUnit has closed at the end of a run; lets tests prove the native memory is released. */
    static final AtomicInteger BUNDLE_CLOSES = new AtomicInteger();

    /** A bundle as stored: JUnit closes {@link AutoCloseable} store values when the root context ends. */
    private record StoredBundle(ModelBundle bundle) implements AutoCloseable {
        @Override
        public void close() {
            bundle.close();
            BUNDLE_CLOSES.incrementAndGet();
        }
    }

    private record BundleKey(Path directory, String device) {}

    private record EvaluatorKey(BundleKey bundle, Path data, String split, String prompt, int sampleLimit, Shard shard,
            Path checkpoints, int batchSize, boolean sequentialBatches) {}

    /** {@code -Drobustgate.checkpoint.dir}: where finished batches are recorded, so a killed run resumes. */
    static final String CHECKPOINT_DIR = "robustgate.checkpoint.dir";

    /** {@code -Drobustgate.batch.size}: samples per batch (unset: measured; 4 in a sharded run), to reproduce a run exactly. */
    static final String BATCH_SIZE = "robustgate.batch.size";

    private SharedModels() {}

    /**
     * The evaluator of a target, creating (and loading its model) on first use. Sequential gates with a measured batch
     * size get an evaluator of their own, whose batches stay small enough to stop early
     * ({@link EvaluationOptions#sequentialBatches()}); it shares the loaded model.
     */
    static RobustnessEvaluator evaluator(ExtensionContext context, EvaluationTarget target, boolean sequential) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Device device = ComputeDevice.resolve(target.device());
        BundleKey bundleKey = new BundleKey(target.modelDirectory(), device.toString());
        // -Drobustgate.shard=K/N (or GitLab's CI_NODE_INDEX/CI_NODE_TOTAL): only this shard's samples are attacked.
        Shard shard;
        try {
            shard = Shard.resolve(EvaluationTarget.parameter(context, Shard.PROPERTY).orElse(null), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(e.getMessage(), e);
        }
        Path checkpoints = EvaluationTarget.parameter(context, CHECKPOINT_DIR).map(EvaluationTarget::absolute).orElse(null);
        int batchSize = EvaluationTarget.parameter(context, BATCH_SIZE).map(SharedModels::batchSize)
                .orElse(EvaluationOptions.AUTO_BATCH_SIZE);
        boolean sequentialBatches = sequential && batchSize == EvaluationOptions.AUTO_BATCH_SIZE;
        EvaluatorKey key = new EvaluatorKey(bundleKey, target.dataDirectory(), target.split(), target.prompt(),
                target.sampleLimit(), shard, checkpoints, batchSize, sequentialBatches);
        ModelBundle bundle = store.getOrComputeIfAbsent(bundleKey, b -> load(b, device), StoredBundle.class).bundle();
        return store.getOrComputeIfAbsent(key, k -> {
            io.robustgate.data.HeldOutSet set = io.robustgate.data.HeldOutSet
                    .load(target.dataDirectory(), target.split(), PromptChoice.of(target.prompt()))
                    .limit(target.sampleLimit());
            return new RobustnessEvaluator(bundle, set,
                    EvaluationOptions.DEFAULTS.withBatchSize(batchSize).withShard(shard).withCheckpointDirectory(checkpoints)
                            .withSequentialBatches(sequentialBatches));
        }, RobustnessEvaluator.class);
    }

    private static int batchSize(String value) {
        return EvaluationTarget.integerParameter(BATCH_SIZE, value, 1, "a batch size (1 or more; leave it unset to measure)");
    }

    private static StoredBundle load(BundleKey key, Device device) {
        System.out.println("[robustgate] loading model bundle " + key.directory() + " on " + device);
        ModelBundle bundle = ModelBundle.load(key.directory(), device);
        BUNDLE_LOADS.incrementAndGet();
        return new StoredBundle(bundle);
    }
}
