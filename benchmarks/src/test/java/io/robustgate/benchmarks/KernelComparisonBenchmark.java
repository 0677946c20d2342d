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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where the UNet fixture's gap between libtorch 2.5.1 (DJL) and Debian's PyTorch 1.13 lies: each
 * layer kind of the UNet's top level as its own TorchScript module ({@code sample-project/python/make_op_fixtures.py}),
 * timed on the same input in both builds, with no RobustGate code on either side: clone the input,
 * require its gradient, forward, backward of the output's sum, as an attack step does to each layer.
 * Both sides alternate round by round and the medians are printed; nothing is asserted on time. Run it with
 * {@code mvn -B -o test -pl benchmarks -am -Pbenchmark -Dtest=KernelComparisonBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class KernelComparisonBenchmark {

    private static final Path OPS = SampleProject.MODELS.resolve("unet-ops");
    private static final Path LOOP_SCRIPT = SampleProject.PYTHON.resolve("op_loop_benchmark.py");
    private static final int ITERATIONS = Integer.getInteger("benchmark.iterations", 500);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final String THREADS = System.getProperty("ai.djl.pytorch.num_threads", "1");

    @Test
    void timeEachLayerKindInBothBuilds() throws Exception {
        JsonNode shapes = new ObjectMapper().readTree(OPS.resolve("ops.json").toFile());
        boolean python = BenchmarkPython.hasTorch();
        Map<String, List<Double>> djl = new LinkedHashMap<>();
        Map<String, List<Double>> pytorch = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, JsonNode> op : (Iterable<Map.Entry<String, JsonNode>>) shapes::fields) {
                djl.computeIfAbsent(op.getKey(), k -> new ArrayList<>()).add(timeInDjl(op.getKey(), shape(op.getValue())));
            }
            if (python) {
                for (String line : BenchmarkPython.run(LOOP_SCRIPT, List.of(OPS.toString(), String.valueOf(ITERATIONS), THREADS))) {
                    String[] parts = line.split(" ");
                    if (parts[0].equals("op")) {
                        pytorch.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(Double.parseDouble(parts[3]));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n[benchmark] %d calls per op, %d rounds, libtorch threads %s, GLIBC_TUNABLES=%s%n",
                ITERATIONS, ROUNDS, THREADS, System.getenv("GLIBC_TUNABLES"));
        if (!python) {
            System.out.println("[benchmark] PyTorch column skipped: " + BenchmarkPython.PYTHON + " has no torch (apt-get install python3-torch)");
        }
        System.out.println("| layer (forward + backward) | libtorch 2.5.1 via DJL ms | Debian PyTorch 1.13 ms | 2.5.1 / 1.13 |");
        System.out.println("|---|---:|---:|---:|");
        for (String op : djl.keySet()) {
            double mine = BenchmarkPython.median(djl.get(op));
            double theirs = pytorch.containsKey(op) ? BenchmarkPython.median(pytorch.get(op)) : Double.NaN;
            System.out.printf(Locale.ROOT, "| %s | %.3f | %s | %s |%n", op, mine,
                    Double.isNaN(theirs) ? "skipped" : String.format(Locale.ROOT, "%.3f", theirs),
                    Double.isNaN(theirs) ? "-" : String.format(Locale.ROOT, "%.2f", mine / theirs));
        }
    }

    /** ms per call, after a warm-up of a tenth of the calls (TorchScript's profiling runs). */
    private static double timeInDjl(String op, Shape shape) throws Exception {
        try (Model model = Model.newInstance(op, Device.cpu(), "PyTorch")) {
            model.load(OPS.resolve(op + ".pt"), null, Map.of("trainParam", "true", "mapLocation", "true"));
            PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
            block.freezeParameters(true);
            JniUtils.enableInferenceMode(block);
            ParameterStore store = new ParameterStore(model.getNDManager(), false);
            Engine.getEngine("PyTorch").setRandomSeed(0);
            NDArray x0 = model.getNDManager().randomUniform(0, 1, shape);
            calls(block, store, x0, Math.max(1, ITERATIONS / 10));
            long start = System.nanoTime();
            calls(block, store, x0, ITERATIONS);
            return (System.nanoTime() - start) / 1e6 / ITERATIONS;
        }
    }

    private static void calls(PtSymbolBlock block, ParameterStore store, NDArray x0, int count) {
        for (int i = 0; i < count; i++) {
            try (NDManager call = x0.getManager().newSubManager()) {
                NDArray x = x0.duplicate();
                x.attach(call);
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    collector.backward(block.forward(store, new NDList(x), true).get(0).sum());
                }
                x.getGradient();
            }
        }
    }

    private static Shape shape(JsonNode dimensions) {
        long[] sizes = new long[dimensions.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = dimensions.get(i).asLong();
        }
        return new Shape(sizes);
    }
}
