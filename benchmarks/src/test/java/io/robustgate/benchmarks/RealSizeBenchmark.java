package io.robustgate.benchmarks;

import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What attacking a CLIPSeg of the real size costs (issue 20): the bundle of
 * {@code sample-project/python/make_realsize_clipseg.py} (CIDAS/clipseg-rd64-refined's architecture with adapters,
 * 153 M parameters, 352x352, random weights), attacked per image through RobustGate's evaluator at
 * 1 and 2 libtorch threads: FGSM (one gradient pass), an FGSM sweep at 4 budgets, PGD-40 and the
 * default ENSEMBLE at 2/255; beside it a plain PyTorch 2.13 loop on the same inputs
 * ({@code sample-project/python/realsize_loop_benchmark.py}), and the bfloat16 bundle when it was built. Prints one
 * Markdown table and the cost of the study's Table 1 extrapolated from it; asserts nothing about
 * time. The bundle is build output (611 MB, git-ignored), so this fails with the command that makes
 * it when it is missing. Run it from the repository root with
 * {@code mvn -B -o test -pl benchmarks -am -Pbenchmark -Pskip-framework-tests -Dtest=RealSizeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.python=$PWD/../venv213/bin/python}; a quick run adds
 * {@code -Dbenchmark.images=1 -Dbenchmark.steps=3 -Dbenchmark.ensembleSteps=2 -Dbenchmark.repeats=1}.
 */
@Tag("benchmark")
class RealSizeBenchmark {

    static final String MAKE_COMMAND = "../venv213/bin/python sample-project/python/make_realsize_clipseg.py --bf16";
    private static final Path BUNDLE = Path.of(System.getProperty("benchmark.bundle", SampleProject.TARGET.resolve("realsize-clipseg").toString()));
    private static final Path BF16_BUNDLE = Path.of(System.getProperty("benchmark.bf16Bundle", BUNDLE + "-bf16"));
    private static final Path DATA = SampleProject.HELD_OUT;
    private static final Path LOOP_SCRIPT = SampleProject.PYTHON.resolve("realsize_loop_benchmark.py");
    private static final int IMAGES = Integer.getInteger("benchmark.images", 2);
    private static final int STEPS = Integer.getInteger("benchmark.steps", 40);
    /** Images the ENSEMBLE attacks (0: none); at ~343 gradient passes per image it dominates the run. */
    private static final int ENSEMBLE_IMAGES = Integer.getInteger("benchmark.ensembleImages", 1);
    /** 0: the ensemble's default members (APGD-100 with 3 losses, SegPGD-40); k: every member with k steps. */
    private static final int ENSEMBLE_STEPS = Integer.getInteger("benchmark.ensembleSteps", 0);
    private static final int REPEATS = Integer.getInteger("benchmark.repeats", 3);
    private static final List<Integer> THREADS = threads("benchmark.threads", "1,2");
    /** Thread counts for the ensemble (fp32), the costliest part of a run, so it can be cut down alone. */
    private static final List<Integer> ENSEMBLE_THREADS = threads("benchmark.ensembleThreads", System.getProperty("benchmark.threads", "1,2"));
    /**
     * Thread counts for the bf16 bundle; none unless asked for: on a CPU without AVX-512 BF16 or AMX,
     * libtorch has no fast bfloat16 matrix kernels, and one forward+backward of the real-size model
     * took over 6 minutes in PyTorch 2.13 (fp32: 14 s) on this machine.
     */
    private static final List<Integer> BF16_THREADS = threads("benchmark.bf16Threads", "");
    private static final String PYTHON = System.getProperty("benchmark.python", "");
    private static final float EPS = 2 / 255f;
    /** The study's Table 1: 3 test sets, 1,079 images in all, FGSM and PGD-40 at 4 budgets each. */
    private static final int TABLE1_IMAGES = 1079;
    private static final List<Float> TABLE1_BUDGETS = List.of(1 / 255f, 2 / 255f, 4 / 255f, 8 / 255f);
    private static final int TABLE1_PGD_STEPS = 40;
    /** The default ensemble's members in its order, for a quick run that gives each fewer steps. */
    private static final String DEFAULT_MEMBERS = "APGD(loss=SOFT_DICE); APGD(loss=BCE); APGD(loss=MASKED_BCE); SEGPGD";

    /** One measured figure: seconds per image for an attack with a known number of passes per image. */
    private record Row(String engine, String precision, int threads, String what, int images, int gradientPasses,
            int forwards, double secondsPerImage, double dice) {
    }

    @Test
    void realSizeCosts() throws Exception {
        if (!Files.isRegularFile(BUNDLE.resolve("robustgate-model.json"))) {
            fail("no real-size bundle at " + BUNDLE.toAbsolutePath() + "; it is build output (about 611 MB). Make it "
                    + "from the repository root with: " + MAKE_COMMAND + "   (virtual environment: python3 -m venv "
                    + "../venv213 && ../venv213/bin/pip install torch==2.13.0+cpu transformers==5.17.0 pillow)");
        }
        System.out.printf(Locale.ROOT, "%n[benchmark] real-size CLIPSeg: %d images, PGD-%d, ENSEMBLE on %d image(s)%s, "
                        + "threads %s (ensemble %s, bf16 %s), %d repeats, %d cores, OMP_WAIT_POLICY=%s; load average before: %s%n",
                IMAGES, STEPS, ENSEMBLE_IMAGES, ENSEMBLE_STEPS == 0 ? "" : " (members at " + ENSEMBLE_STEPS + " steps)", THREADS,
                ENSEMBLE_THREADS, BF16_THREADS, REPEATS, Runtime.getRuntime().availableProcessors(), System.getenv("OMP_WAIT_POLICY"),
                loadAverage());
        Map<String, Path> bundles = new LinkedHashMap<>();
        bundles.put("fp32", BUNDLE);
        if (BF16_THREADS.isEmpty()) {
            System.out.println("[benchmark] bf16 bundle not timed (-Dbenchmark.bf16Threads=1 times it)");
        } else if (Files.isRegularFile(BF16_BUNDLE.resolve("robustgate-model.json"))) {
            bundles.put("bf16", BF16_BUNDLE);
        } else {
            System.out.println("[benchmark] no bf16 bundle at " + BF16_BUNDLE.toAbsolutePath() + " (" + MAKE_COMMAND + " makes it)");
        }
        List<Row> rows = new ArrayList<>();
        Path folder = Files.createTempDirectory("robustgate-realsize");
        for (Map.Entry<String, Path> entry : bundles.entrySet()) {
            try (ModelBundle bundle = ModelBundle.load(entry.getValue(), Device.cpu())) {
                HeldOutSet set = HeldOutSet.load(DATA, "test", PromptChoice.DEFAULT).limit(IMAGES);
                if (entry.getKey().equals("fp32")) {
                    RobustnessEvaluator inputs = new RobustnessEvaluator(bundle, set, quiet());
                    BenchmarkInputs.of(bundle, inputs.samples()).writeArrays(folder);
                    writeMeta(folder, bundle.manifest(), bundles);
                }
                boolean fp32 = entry.getKey().equals("fp32");
                for (int threads : fp32 ? THREADS : BF16_THREADS) {
                    // The ensemble's hundreds of passes are run in fp32 only: bf16 is judged on PGD.
                    rows.addAll(measure(bundle, set, entry.getKey(), threads, fp32 && ENSEMBLE_THREADS.contains(threads)));
                }
            }
        }
        if (PYTHON.isEmpty()) {
            System.out.println("[benchmark] Python column skipped: pass -Dbenchmark.python=$PWD/../venv213/bin/python");
        } else {
            rows.addAll(python(folder));
        }
        System.out.printf(Locale.ROOT, "[benchmark] load average after: %s%n%n", loadAverage());
        printTable(rows);
        printTable1Estimate(rows);
        printEnsembleEstimate(rows);
    }

    /**
     * Whether DJL itself can turn the float32 TorchScript module into bfloat16. It cannot in 0.33.0:
     * {@code PtSymbolBlock} inherits {@code AbstractBaseBlock.cast}, which throws, and JniUtils has no
     * module-to-dtype call (only {@code to} for single arrays); so a bf16 model has to be exported as
     * such from Python (make_realsize_clipseg.py --bf16). This records what DJL answers.
     */
    @Test
    void djlCastOfTheLoadedModule() throws Exception {
        Path file = BUNDLE.resolve("model.pt");
        if (!Files.isRegularFile(file)) {
            fail("no real-size bundle at " + BUNDLE.toAbsolutePath() + "; make it from the repository root with: " + MAKE_COMMAND);
        }
        try (Model model = Model.newInstance("cast", Device.cpu(), "PyTorch")) {
            model.load(file, null, Map.of("trainParam", "true", "mapLocation", "true"));
            String outcome;
            try {
                model.getBlock().cast(DataType.BFLOAT16);
                outcome = "cast returned; parameter 0 is now " + model.getBlock().getParameters().get(0).getValue().getArray().getDataType();
            } catch (RuntimeException e) {
                outcome = e.getClass().getName() + ": " + e.getMessage();
            }
            System.out.println("[benchmark] DJL PtSymbolBlock.cast(BFLOAT16) on " + model.getBlock().getClass().getSimpleName()
                    + ": " + outcome);
        }
    }

    /**
     * bf16 through DJL, judged on the small sample model (the real-size one is unaffordable in bf16
     * here, see {@link #BF16_THREADS}): the float32 bundle and its bf16 copy from
     * {@code sample-project/python/make_bf16_sample_bundle.py}, per image at 1 thread: seconds per FGSM (one gradient
     * pass and one forward), and the clean and PGD-steps Dice of both.
     */
    @Test
    void bf16OnTheSampleModel() throws Exception {
        Path bf16 = Path.of(System.getProperty("benchmark.sampleBf16Bundle", SampleProject.TARGET.resolve("hc18-bf16").toString()));
        if (!Files.isRegularFile(bf16.resolve("robustgate-model.json"))) {
            fail("no bf16 sample bundle at " + bf16.toAbsolutePath() + "; make it from the repository root with: "
                    + "../venv213/bin/python sample-project/python/make_bf16_sample_bundle.py "
                    + "sample-project/src/test/resources/models/hc18 sample-project/target/hc18-bf16");
        }
        int images = Integer.getInteger("benchmark.bf16Images", 8);
        System.out.printf(Locale.ROOT, "%n[benchmark] bf16 on the sample model: %d images, PGD-%d at 2/255, 1 thread; load average %s%n",
                images, STEPS, loadAverage());
        useThreads(1);
        List<Row> rows = new ArrayList<>();
        for (Path directory : List.of(SampleProject.MODELS.resolve("hc18"), bf16)) {
            try (ModelBundle bundle = ModelBundle.load(directory, Device.cpu())) {
                HeldOutSet set = HeldOutSet.load(DATA, "test", PromptChoice.DEFAULT).limit(images);
                RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set, quiet());
                String precision = directory.equals(bf16) ? "bf16" : "fp32";
                evaluator.evaluate(AttackSpec.fgsm(EPS)); // warm-up, not counted
                List<Double> fgsm = new ArrayList<>();
                for (int r = 0; r < REPEATS; r++) {
                    fgsm.add(evaluator.evaluate(AttackSpec.fgsm(EPS)).timings().attackSeconds() / images);
                }
                rows.add(new Row(bundle.name(), precision, 1, "clean", images, 0, 1, Double.NaN, evaluator.cleanPass().meanDice()));
                rows.add(new Row(bundle.name(), precision, 1, "FGSM", images, 1, 1, BenchmarkPython.median(fgsm), Double.NaN));
                RobustnessResult pgd = evaluator.evaluate(AttackSpec.pgd(EPS).withSteps(STEPS));
                rows.add(new Row(bundle.name(), precision, 1, "PGD-" + STEPS, images, STEPS, 1,
                        pgd.timings().attackSeconds() / images, pgd.adversarialDice().mean()));
                progress(rows);
            }
        }
        printTable(rows);
    }

    private static List<Row> measure(ModelBundle bundle, HeldOutSet set, String precision, int threads, boolean ensemble) {
        useThreads(threads);
        RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set, quiet());
        int n = evaluator.samples().size();
        // Not counted: TorchScript's profiling executor re-optimises the graph over the first calls.
        evaluator.evaluate(AttackSpec.fgsm(EPS));
        evaluator.evaluate(AttackSpec.fgsm(EPS));
        List<Row> rows = new ArrayList<>();
        // A fresh evaluator's clean pass, now warm: n forwards plus one repeat of the first batch.
        RobustnessEvaluator warm = new RobustnessEvaluator(bundle, set, quiet());
        double clean = warm.cleanPass().seconds() / (n + 1);
        rows.add(new Row("RobustGate", precision, threads, "clean forward", n, 0, 1, clean, warm.cleanPass().meanDice()));
        // FGSM on an evaluator of its own each time: an evaluator keeps the clean gradient for the
        // next budget (CleanGradients), and a repeat would time the forward alone.
        List<Double> fgsm = new ArrayList<>();
        RobustnessResult last = null;
        for (int r = 0; r < REPEATS; r++) {
            RobustnessEvaluator fresh = new RobustnessEvaluator(bundle, set, quiet());
            fresh.cleanPass();
            last = fresh.evaluate(AttackSpec.fgsm(EPS));
            fgsm.add(last.timings().attackSeconds() / n);
        }
        rows.add(new Row("RobustGate", precision, threads, "FGSM", n, 1, 1, BenchmarkPython.median(fgsm), last.adversarialDice().mean()));
        RobustnessEvaluator swept = new RobustnessEvaluator(bundle, set, quiet());
        swept.cleanPass();
        List<RobustnessResult> sweep = swept.sweep(AttackSpec.fgsm(0), TABLE1_BUDGETS);
        rows.add(new Row("RobustGate", precision, threads, "FGSM sweep, " + TABLE1_BUDGETS.size() + " budgets", n, 1,
                TABLE1_BUDGETS.size(), sweep.stream().mapToDouble(s -> s.timings().attackSeconds()).sum() / n, Double.NaN));
        RobustnessResult pgd = warm.evaluate(AttackSpec.pgd(EPS).withSteps(STEPS));
        // Passes as spent: early exit stops a sample at Dice 0, so they can be fewer than the steps.
        rows.add(new Row("RobustGate", precision, threads, "PGD-" + STEPS, n, passesPerImage(pgd), 1,
                pgd.timings().attackSeconds() / n, pgd.adversarialDice().mean()));
        progress(rows);
        if (ensemble && ENSEMBLE_IMAGES > 0) {
            RobustnessEvaluator few = new RobustnessEvaluator(bundle, set.limit(ENSEMBLE_IMAGES), quiet());
            Map<String, String> options = ENSEMBLE_STEPS == 0 ? Map.of() : Map.of("members", DEFAULT_MEMBERS
                    .replace("SEGPGD", "SEGPGD()").replace(")", ", steps=" + ENSEMBLE_STEPS + ")").replace("(, ", "("));
            RobustnessResult result = few.evaluate(AttackSpec.of("ENSEMBLE", EPS, options));
            rows.add(new Row("RobustGate", precision, threads, "ENSEMBLE", few.samples().size(), passesPerImage(result),
                    4, result.timings().attackSeconds() / few.samples().size(), result.adversarialDice().mean()));
            progress(rows);
        }
        return rows;
    }

    private static int passesPerImage(RobustnessResult result) {
        return (int) Math.round((double) result.gradientPasses() / result.samples().size());
    }

    private static void writeMeta(Path folder, ModelManifest manifest, Map<String, Path> bundles) throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        ModelManifest.ImageSpec image = manifest.image();
        meta.put("n", IMAGES);
        meta.put("channels", image.channels());
        meta.put("height", image.height());
        meta.put("width", image.width());
        meta.put("length", manifest.text().contextLength());
        meta.put("mean", image.mean());
        meta.put("std", image.std());
        meta.put("eps", EPS);
        meta.put("alpha", 2.5f * EPS / STEPS); // PGD's default step, as AttackSpec.pgd(eps) takes it
        meta.put("steps", STEPS);
        meta.put("repeats", REPEATS);
        meta.put("threads", Map.of("fp32", THREADS, "bf16", BF16_THREADS));
        Map<String, String> modules = new LinkedHashMap<>();
        bundles.forEach((precision, directory) -> modules.put(precision, directory.resolve("model.pt").toAbsolutePath().toString()));
        meta.put("modules", modules);
        new ObjectMapper().writeValue(folder.resolve("meta.json").toFile(), meta);
    }

    private static List<Row> python(Path folder) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : BenchmarkPython.run(Path.of(PYTHON), LOOP_SCRIPT, List.of(folder.toString()))) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode node = json.readTree(line);
            String engine = "PyTorch " + node.get("torch").asText();
            String precision = node.get("precision").asText();
            int threads = node.get("threads").asInt();
            rows.add(new Row(engine, precision, threads, "forward+backward", REPEATS, 1, 0,
                    node.get("gradient_pass_seconds").asDouble(), Double.NaN));
            double seconds = 0;
            double dice = 0;
            int n = node.get("pgd_seconds_per_image").size();
            for (int i = 0; i < n; i++) {
                seconds += node.get("pgd_seconds_per_image").get(i).asDouble() / n;
                dice += node.get("pgd_dice").get(i).asDouble() / n;
            }
            rows.add(new Row(engine, precision, threads, "PGD-" + STEPS, n, STEPS, 1, seconds, dice));
            progress(rows);
        }
        return rows;
    }

    private static void progress(List<Row> rows) {
        Row row = rows.get(rows.size() - 1);
        System.out.printf(Locale.ROOT, "[benchmark] %s %s %d thread(s) %s: %.2f s/image%n", row.engine(), row.precision(),
                row.threads(), row.what(), row.secondsPerImage());
    }

    private static void printTable(List<Row> rows) {
        System.out.println("| engine | precision | threads | what | images | gradient passes / image | forwards / image "
                + "| s / image | s / gradient pass | mean Dice after |");
        System.out.println("|---|---|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            // A sweep's time is mostly its forwards: per gradient pass would mislead.
            String perPass = row.gradientPasses() == 0 || row.what().startsWith("FGSM sweep") ? "-"
                    : String.format(Locale.ROOT, "%.2f", row.secondsPerImage() / row.gradientPasses());
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %d | %d | %d | %s | %s | %s |%n", row.engine(), row.precision(),
                    row.threads(), row.what(), row.images(), row.gradientPasses(), row.forwards(),
                    Double.isNaN(row.secondsPerImage()) ? "-" : String.format(Locale.ROOT, "%.2f", row.secondsPerImage()), perPass,
                    Double.isNaN(row.dice()) ? "-" : String.format(Locale.ROOT, "%.4f", row.dice()));
        }
    }

    /**
     * Table 1 per image: one FGSM sweep over the 4 budgets (one shared gradient pass, 4 forwards) and
     * 4 PGD-40 runs. PGD-40 is scaled from the measured PGD-steps run when a quick run took fewer steps:
     * per-step cost times 40 plus the one prediction.
     */
    private static void printTable1Estimate(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%nEstimated cost of Table 1 (%d images; per image an FGSM sweep at %d budgets + %d x PGD-%d)"
                + " on this machine, serial:%n%n", TABLE1_IMAGES, TABLE1_BUDGETS.size(), TABLE1_BUDGETS.size(), TABLE1_PGD_STEPS);
        System.out.println("| engine | precision | threads | s / image | hours | days |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (Row pgd : rows) {
            if (!pgd.what().startsWith("PGD-")) {
                continue;
            }
            double forward = find(rows, pgd, "clean forward");
            double sweep = find(rows, pgd, "FGSM sweep, " + TABLE1_BUDGETS.size() + " budgets");
            double perStep = (pgd.secondsPerImage() - (Double.isNaN(forward) ? 0 : forward)) / STEPS;
            double pgd40 = perStep * TABLE1_PGD_STEPS + (Double.isNaN(forward) ? 0 : forward);
            if (Double.isNaN(sweep)) {
                // The Python loop has no sweep: one gradient pass and 4 forwards, a forward taken as a third of a pass.
                double pass = find(rows, pgd, "forward+backward");
                sweep = pass * (1 + TABLE1_BUDGETS.size() / 3.0);
            }
            double perImage = sweep + TABLE1_BUDGETS.size() * pgd40;
            double seconds = perImage * TABLE1_IMAGES;
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %.2f |%n", pgd.engine(), pgd.precision(), pgd.threads(),
                    perImage, seconds / 3600, seconds / 86400);
        }
    }

    /**
     * The default ensemble where no sample reaches Dice 0 (every member runs every step), from the
     * measured seconds per gradient pass: the upper bound of what early exit saves from.
     */
    private static void printEnsembleEstimate(List<Row> rows) {
        int passes = 3 * (100 + 1) + 40;
        for (Row ensemble : rows) {
            if (ensemble.what().equals("ENSEMBLE") && ensemble.gradientPasses() > 0) {
                double perImage = ensemble.secondsPerImage() / ensemble.gradientPasses() * passes;
                System.out.printf(Locale.ROOT, "%nDefault ENSEMBLE without early exit (%d gradient passes per image), %s %s %d thread(s): "
                                + "%.0f s per image; on %d images %.1f days%n", passes, ensemble.engine(), ensemble.precision(),
                        ensemble.threads(), perImage, TABLE1_IMAGES, perImage * TABLE1_IMAGES / 86400);
            }
        }
    }

    private static double find(List<Row> rows, Row like, String what) {
        return rows.stream().filter(r -> r.engine().equals(like.engine()) && r.precision().equals(like.precision())
                && r.threads() == like.threads() && r.what().equals(what)).mapToDouble(Row::secondsPerImage).findFirst().orElse(Double.NaN);
    }

    /** libtorch's intra-op threads for what follows; the engine must be loaded first, or the JNI call is not bound yet. */
    private static void useThreads(int threads) {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    private static List<Integer> threads(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .map(Integer::valueOf).toList();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static EvaluationOptions quiet() {
        return EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(1);
    }
}
