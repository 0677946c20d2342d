package io.robustgate.benchmarks;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PreparedSample;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelManifest;
import io.robustgate.model.TokenBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PGD per sample-step, side by side, on the same inputs: (a) the raw limit, a PGD loop straight on
 * DJL with none of RobustGate's code; (b) RobustGate's PGD through the evaluator; (c) a plain PyTorch
 * loop ({@code sample-project/python/pgd_loop_benchmark.py}, Debian's python3-torch), at batch 1, 8 and the
 * automatic choice, for the ViT sample model and the convolutional UNet fixture. Methods and batch
 * sizes are interleaved round by round and medians printed, because the machine is shared. It
 * asserts nothing about time. Run it with
 * {@code mvn -B -o test -pl benchmarks -am -Pbenchmark -Dtest=PerformanceComparisonBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class PerformanceComparisonBenchmark {

    private static final Path DATA = SampleProject.HELD_OUT;
    private static final Path LOOP_SCRIPT = SampleProject.PYTHON.resolve("pgd_loop_benchmark.py");
    private static final int SAMPLES = Integer.getInteger("benchmark.samples", 16);
    private static final int STEPS = Integer.getInteger("benchmark.steps", 5);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final float EPS = 2 / 255f;

    @Test
    void compareWithRawLimitAndPyTorch() throws Exception {
        boolean python = BenchmarkPython.hasTorch();
        System.out.printf(Locale.ROOT, "%n[benchmark] %d samples, PGD-%d, %d rounds, %d cores, libtorch threads %s, GLIBC_TUNABLES=%s%n",
                SAMPLES, STEPS, ROUNDS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), System.getenv("GLIBC_TUNABLES"));
        if (!python) {
            System.out.println("[benchmark] (c) skipped: " + BenchmarkPython.PYTHON + " has no torch (apt-get install python3-torch)");
        }
        System.out.println("| model | batch | (a) raw DJL loop ms | (b) RobustGate ms | (c) PyTorch loop ms | b/a speed | b/c speed |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (String name : System.getProperty("benchmark.models", "unet,hc18").split(",")) {
            compare(SampleProject.MODELS.resolve(name), python);
        }
        System.out.printf(Locale.ROOT, "[benchmark] peak RSS of this JVM: %d MiB%n", peakRssMib());
    }

    private void compare(Path modelDirectory, boolean python) throws Exception {
        try (ModelBundle bundle = ModelBundle.load(modelDirectory, Device.cpu())) {
            HeldOutSet set = HeldOutSet.load(DATA, "test", PromptChoice.DEFAULT).limit(SAMPLES);
            RobustnessEvaluator automatic = new RobustnessEvaluator(bundle, set, quiet(EvaluationOptions.AUTO_BATCH_SIZE));
            int auto = automatic.batchSize();
            List<Integer> sizes = new ArrayList<>(new LinkedHashSet<>(List.of(1, 8, auto)));
            BenchmarkInputs inputs = BenchmarkInputs.of(bundle, automatic.samples());
            Path folder = Files.createTempDirectory("robustgate-bench");
            write(inputs, folder, bundle, modelDirectory.resolve(bundle.manifest().file()).toAbsolutePath());
            Map<Integer, RobustnessEvaluator> evaluators = new HashMap<>();
            sizes.forEach(b -> evaluators.put(b, new RobustnessEvaluator(bundle, set, quiet(b))));
            Map<String, List<Double>> times = new HashMap<>();
            List<String> pythonRss = new ArrayList<>();
            try (RawModel raw = new RawModel(modelDirectory, bundle.manifest())) {
                for (int round = 0; round <= ROUNDS; round++) { // round 0 warms every shape up and is not counted
                    for (int b : sizes) {
                        double rawMillis = raw.pgd(inputs, b);
                        RobustnessEvaluator evaluator = evaluators.get(b);
                        evaluator.cleanPass();
                        double robustGate = 1000 * evaluator.evaluate(pgd()).timings().attackSeconds() / SAMPLES / STEPS;
                        if (round > 0) {
                            times.computeIfAbsent("a" + b, k -> new ArrayList<>()).add(rawMillis);
                            times.computeIfAbsent("b" + b, k -> new ArrayList<>()).add(robustGate);
                        }
                    }
                    if (python && round > 0) {
                        // In the same rounds as (a) and (b), so all three see the same machine load.
                        for (String line : BenchmarkPython.run(LOOP_SCRIPT, arguments(folder, sizes))) {
                            String[] parts = line.split(" ");
                            if (parts[0].equals("batch")) {
                                times.computeIfAbsent("c" + parts[1], k -> new ArrayList<>()).add(Double.parseDouble(parts[3]));
                            } else if (parts[0].equals("peak_rss_mib")) {
                                pythonRss.add(parts[1]);
                            }
                        }
                    }
                }
            }
            for (int b : sizes) {
                double a = BenchmarkPython.median(times.get("a" + b));
                double rg = BenchmarkPython.median(times.get("b" + b));
                double c = times.containsKey("c" + b) ? BenchmarkPython.median(times.get("c" + b)) : Double.NaN;
                String label = (b == auto ? "auto=" : "") + b;
                if (b == auto && (b == 1 || b == 8)) {
                    label = b + " (auto)";
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | %.2f | %s |%n", bundle.name(), label, a, rg,
                        Double.isNaN(c) ? "skipped" : String.format(Locale.ROOT, "%.1f", c), a / rg,
                        Double.isNaN(c) ? "-" : String.format(Locale.ROOT, "%.2f", c / rg));
            }
            System.out.printf(Locale.ROOT, "[benchmark] %s: automatic batch %d from %s; python peak RSS %s MiB%n", bundle.name(),
                    auto, automatic.batchSizeChoice().map(ch -> ch.trials().toString()).orElse("-"), pythonRss);
        }
    }

    private static AttackSpec pgd() {
        return AttackSpec.pgd(EPS).withSteps(STEPS).withRandomStart(false);
    }

    /**
     * The raw limit: L-inf PGD straight on DJL (its own model load, no RobustGate class in the loop),
     * each step's arrays freed with a sub-manager, then one prediction. Loaded once and reused, as
     * RobustGate's bundle is, so TorchScript's profiling runs fall in the warm-up round.
     */
    private static final class RawModel implements AutoCloseable {
        private final Model model;
        private final PtSymbolBlock block;
        private final NDArray mean;
        private final NDArray std;
        private final ParameterStore store;

        RawModel(Path directory, ModelManifest manifest) throws Exception {
            model = Model.newInstance("raw", Device.cpu(), "PyTorch");
            model.load(directory.resolve(manifest.file()), null, Map.of("trainParam", "true", "mapLocation", "true"));
            block = (PtSymbolBlock) model.getBlock();
            block.freezeParameters(true);
            JniUtils.enableInferenceMode(block);
            ModelManifest.ImageSpec image = manifest.image();
            Shape perChannel = new Shape(1, image.channels(), 1, 1);
            mean = model.getNDManager().create(image.mean(), perChannel);
            std = model.getNDManager().create(image.std(), perChannel);
            store = new ParameterStore(model.getNDManager(), false);
        }

        /** ms per sample-step. */
        double pgd(BenchmarkInputs inputs, int batch) {
            NDManager root = model.getNDManager();
            float alpha = 2.5f * EPS / STEPS;
            long start = System.nanoTime();
            for (int from = 0; from < inputs.n(); from += batch) {
                int to = Math.min(from + batch, inputs.n());
                try (NDManager manager = root.newSubManager()) {
                    NDArray x0 = inputs.pixels(manager, from, to);
                    NDArray targets = inputs.targets(manager, from, to);
                    NDArray ids = inputs.tokens().rows(from, to).idsArray(manager);
                    NDArray mask = inputs.tokens().rows(from, to).attentionMaskArray(manager);
                    NDArray x = x0.duplicate();
                    for (int step = 0; step < STEPS; step++) {
                        try (NDManager stepManager = manager.newSubManager()) {
                            NDArray input = x.duplicate();
                            input.attach(stepManager);
                            input.setRequiresGradient(true);
                            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                                NDArray z = block.forward(store, new NDList(input.sub(mean).div(std), ids, mask), true).get(0).squeeze(1);
                                // BCE with logits, mean per sample, summed: max(z,0) - z*t + log(1 + exp(-|z|))
                                NDArray bce = z.maximum(0).sub(z.mul(targets)).add(z.abs().neg().exp().add(1).log());
                                collector.backward(bce.reshape(bce.getShape().get(0), -1).mean(new int[] {1}).sum());
                            }
                            NDArray next = x.add(input.getGradient().sign().mul(alpha));
                            next = next.maximum(x0.sub(EPS)).minimum(x0.add(EPS)).clip(0, 1);
                            next.attach(manager);
                            x = next;
                        }
                    }
                    // The prediction on the result, which (b) and (c) make too: an evaluation needs it.
                    // training=true, as everywhere: DJL runs training=false under InferenceMode, whose
                    // tensors may not be saved for a later backward.
                    block.forward(store, new NDList(x.sub(mean).div(std), ids, mask), true).get(0).gt(0).sum().getLong();
                }
            }
            return (System.nanoTime() - start) / 1e6 / inputs.n() / STEPS;
        }

        @Override
        public void close() {
            model.close();
        }
    }

    private static List<String> arguments(Path folder, List<Integer> sizes) {
        List<String> arguments = new ArrayList<>(List.of(folder.toString()));
        sizes.forEach(b -> arguments.add(String.valueOf(b)));
        return arguments;
    }

    private static long peakRssMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static EvaluationOptions quiet(int batchSize) {
        return EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(batchSize);
    }

    /** The inputs and meta.json that python/pgd_loop_benchmark.py reads. */
    private static void write(BenchmarkInputs inputs, Path folder, ModelBundle bundle, Path moduleFile) throws IOException {
        inputs.writeArrays(folder);
        ModelManifest.ImageSpec image = bundle.manifest().image();
        String meta = String.format(Locale.ROOT, "{\"model\": \"%s\", \"n\": %d, \"channels\": %d, \"height\": %d, \"width\": %d, "
                        + "\"length\": %d, \"mean\": %s, \"std\": %s, \"eps\": %s, \"alpha\": %s, \"steps\": %d, \"threads\": %s}",
                moduleFile, inputs.n(), inputs.channels(), inputs.height(), inputs.width(), inputs.tokens().ids()[0].length,
                java.util.Arrays.toString(image.mean()),
                java.util.Arrays.toString(image.std()), EPS, 2.5f * EPS / STEPS, STEPS,
                System.getProperty("ai.djl.pytorch.num_threads", "1"));
        Files.writeString(folder.resolve("meta.json"), meta);
    }
}
