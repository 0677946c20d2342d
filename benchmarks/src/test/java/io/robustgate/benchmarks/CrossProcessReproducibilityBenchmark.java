package io.robustgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.model.ModelBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same evaluation in many separate processes gives the same figures to the last digit: PGD-100
 * at 2/255, batch 1 and batch 4, one libtorch thread, on the first 8 samples of the sample's HC18
 * set, each process a fresh JVM. Settings: with the build's glibc malloc tunables, without them,
 * and with a small young generation (many garbage collections: the condition under which freed
 * JVM memory used to reach libtorch's backward pass). Two processes run at a time, so that their
 * timing varies as on a busy CI machine. Every per-sample figure (clean and attacked Dice and IoU,
 * L∞, L2) of every process is compared with the first process's, as text. Run it with
 * {@code mvn -B -o test -pl benchmarks -am -Pbenchmark -Pskip-framework-tests -Dtest=CrossProcessReproducibilityBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dreproducibility.processes=20}, {@code -Dreproducibility.model=DIR},
 * {@code -Dreproducibility.data=DIR} and {@code -Dreproducibility.samples=8} choose what runs.
 */
@Tag("benchmark")
class CrossProcessReproducibilityBenchmark {

    private static final String TUNABLES = "glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=17179869184:glibc.malloc.mmap_max=0";
    private static final int PROCESSES = Integer.getInteger("reproducibility.processes", 20);
    private static final Path MODEL = Path.of(System.getProperty("reproducibility.model",
            "../framework/core/src/test/resources/golden/fixture-bundle")).toAbsolutePath();
    private static final Path DATA = Path.of(System.getProperty("reproducibility.data", SampleProject.HELD_OUT.toString()))
            .toAbsolutePath();
    private static final int SAMPLES = Integer.getInteger("reproducibility.samples", 8);

    record Setting(String name, String tunables, List<String> jvmOptions) {}

    @Test
    void everyProcessGivesTheSameFiguresToTheLastDigit() throws Exception {
        List<Setting> settings = List.of(
                new Setting("with GLIBC_TUNABLES", TUNABLES, List.of()),
                new Setting("without GLIBC_TUNABLES", null, List.of()),
                new Setting("with GLIBC_TUNABLES, -Xmn8m (frequent GC)", TUNABLES, List.of("-Xmn8m")));
        System.out.printf(Locale.ROOT, "%n[reproducibility] %s on %s (%d samples), PGD-100 2/255, batch 1 and 4, %d processes per setting%n",
                MODEL.getFileName(), DATA.getFileName(), SAMPLES, PROCESSES);
        System.out.println("| setting | processes | per-sample figures each | processes differing from the first | figures differing | wall s |");
        System.out.println("|---|---|---|---|---|---|");
        Map<String, Integer> differing = new LinkedHashMap<>();
        for (Setting setting : settings) {
            long start = System.nanoTime();
            List<List<String>> outputs = runAll(setting);
            List<String> first = outputs.get(0);
            int processesDiffering = 0;
            int figuresDiffering = 0;
            for (List<String> output : outputs) {
                int here = 0;
                for (int i = 0; i < first.size(); i++) {
                    String[] a = first.get(i).split(" ");
                    String[] b = output.get(i).split(" ");
                    for (int k = 0; k < a.length; k++) {
                        here += a[k].equals(b[k]) ? 0 : 1;
                    }
                }
                processesDiffering += here > 0 ? 1 : 0;
                figuresDiffering += here;
            }
            long figures = first.stream().mapToLong(l -> l.split(" ").length - 2).sum();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %.0f |%n", setting.name(), outputs.size(), figures,
                    processesDiffering, figuresDiffering, (System.nanoTime() - start) / 1e9);
            differing.put(setting.name(), figuresDiffering);
        }
        assertEquals(Set.of(0), Set.copyOf(differing.values()), "figures differing between processes: " + differing);
    }

    private static List<List<String>> runAll(Setting setting) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                runs.add(pool.submit(() -> runOne(setting)));
            }
            List<List<String>> outputs = new ArrayList<>();
            for (Future<List<String>> run : runs) {
                outputs.add(run.get());
            }
            return outputs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> runOne(Setting setting) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"));
        command.addAll(setting.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrossProcessReproducibilityBenchmark.class.getName(),
                MODEL.toString(), DATA.toString(), Integer.toString(SAMPLES)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("GLIBC_TUNABLES");
        if (setting.tunables() != null) {
            builder.environment().put("GLIBC_TUNABLES", setting.tunables());
        }
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(20, TimeUnit.MINUTES), "child did not finish");
        assertEquals(0, child.exitValue(), output);
        List<String> figures = output.lines().filter(l -> l.startsWith("figures ")).toList();
        assertEquals(2 * SAMPLES, figures.size(), output);
        return figures;
    }

    /** The child process: one evaluation per batch size, one line of figures per sample. */
    public static void main(String[] args) {
        try (ModelBundle bundle = ModelBundle.load(Path.of(args[0]), Device.cpu())) {
            HeldOutSet set = HeldOutSet.load(Path.of(args[1]), "test", PromptChoice.DEFAULT).limit(Integer.parseInt(args[2]));
            AttackSpec pgd = AttackSpec.of("PGD", 2 / 255f, Map.of("steps", 100));
            for (int batchSize : new int[] {1, 4}) {
                RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set,
                        EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(batchSize));
                RobustnessResult result = evaluator.evaluate(pgd);
                for (SampleResult s : result.samples()) {
                    System.out.println("figures " + batchSize + ":" + s.sampleId().replace(' ', '_') + " " + s.cleanDice()
                            + " " + s.cleanIou() + " " + s.adversarialDice() + " " + s.adversarialIou() + " " + s.linf()
                            + " " + s.l2());
                }
            }
        }
    }
}
