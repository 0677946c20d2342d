package io.robustgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.CriticalBudget;
import io.robustgate.evaluation.CriticalThreshold;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.PromptRobustness;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.model.ModelBundle;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import io.robustgate.report.ResultsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sample README's prompt and budget figures: PGD-10 at 2/255 on every prompt variant of the
 * held-out images ({@code prompt=all}: p1, p2's two, p3, p4, p5, p6's two; p0 is empty), with
 * prompt transfer; then, on prompt p1, the critical budget of PGD-10 (Dice below half the clean
 * Dice, bisection to 0.5/255 up to 4/255) and the Dice-against-eps curve over 8 budgets up to
 * 4/255. Run it with {@code mvn -B test -pl benchmarks -am -Pbenchmark
 * -Dtest=PromptAndCriticalBudgetBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Drobustgate.benchmark.images=N} keeps the first N images. It asserts what holds by
 * construction (eight prompts per image, one critical budget per sample), never a Dice or a time.
 */
@Tag("benchmark")
class PromptAndCriticalBudgetBenchmark {

    private static final Path MODEL = SampleProject.MODELS.resolve("hc18");
    private static final Path DATA = SampleProject.HELD_OUT;
    private static final int PROMPTS_PER_IMAGE = 8;

    @Test
    void promptRobustnessAndCriticalBudget() throws IOException {
        try (ModelBundle bundle = ModelBundle.load(MODEL, Device.cpu())) {
            JniUtils.setNumThreads(1);
            int images = Integer.getInteger("robustgate.benchmark.images", 48);
            EvaluationOptions options = EvaluationOptions.DEFAULTS.withBatchSize(16);
            AttackSpec pgd10 = AttackSpec.of(AttackNames.PGD, 2 / 255f, Map.of("steps", 10));
            List<RobustnessResult> results = new ArrayList<>();
            StringBuilder text = new StringBuilder();

            HeldOutSet everyPrompt = HeldOutSet.load(DATA, "test", PromptChoice.of("all")).limit(images * PROMPTS_PER_IMAGE);
            long start = System.nanoTime();
            RobustnessResult prompts = new RobustnessEvaluator(bundle, everyPrompt, options)
                    .evaluate(pgd10, Analyses.NONE.withPromptTransfer(true));
            double promptSeconds = (System.nanoTime() - start) / 1e9;
            PromptRobustness comparison = prompts.promptRobustness().orElseThrow();
            assertEquals(images, comparison.images().size());
            comparison.images().forEach(i -> assertEquals(PROMPTS_PER_IMAGE, i.prompts().size(), i.imageName()));
            results.add(prompts);
            text.append(String.format(Locale.ROOT, "%n%s, %d images × %d prompts = %d samples, batch 16, 1 libtorch thread, "
                    + "%d cores, %.0f s with transfer%n%n", prompts.displayName(), images, PROMPTS_PER_IMAGE,
                    prompts.samples().size(), Runtime.getRuntime().availableProcessors(), promptSeconds));
            text.append(ResultsTable.markdown(List.of(prompts))).append('\n');
            text.append(ResultsTable.promptsMarkdown(prompts)).append('\n');
            text.append("Mean attacked Dice per prompt key:\n\n| prompt | clean Dice | attacked Dice | worst prompt of |\n|---|---:|---:|---:|\n");
            Map<String, double[]> perKey = new java.util.LinkedHashMap<>();
            comparison.images().forEach(image -> image.prompts().forEach(p -> {
                double[] sums = perKey.computeIfAbsent(p.promptKey(), k -> new double[4]);
                sums[0] += p.cleanDice();
                sums[1] += p.adversarialDice();
                sums[2]++;
                sums[3] += p.promptKey().equals(image.worstPrompt()) ? 1 : 0;
            }));
            perKey.forEach((key, sums) -> text.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.0f images |%n", key,
                    sums[0] / sums[2], sums[1] / sums[2], sums[3])));
            write(text);

            HeldOutSet p1 = HeldOutSet.load(DATA, "test", PromptChoice.DEFAULT).limit(images);
            AttackSpec upTo4 = pgd10.withEps(4 / 255f);
            start = System.nanoTime();
            RobustnessResult critical = new RobustnessEvaluator(bundle, p1, options).evaluate(upTo4,
                    Analyses.NONE.withCritical(CriticalThreshold.fractionOfClean(0.5)));
            double criticalSeconds = (System.nanoTime() - start) / 1e9;
            CriticalBudget budget = critical.criticalBudget().orElseThrow();
            assertEquals(images, budget.samples().size());
            results.add(critical);
            text.append(String.format(Locale.ROOT, "%n%s on %d samples (prompt p1), %.0f s%n%n", critical.displayName(),
                    critical.samples().size(), criticalSeconds));
            text.append(ResultsTable.criticalBudgetMarkdown(critical)).append('\n');
            write(text);

            start = System.nanoTime();
            RobustnessResult curve = new RobustnessEvaluator(bundle, p1, options).evaluate(upTo4,
                    Analyses.NONE.withCurvePoints(8));
            double curveSeconds = (System.nanoTime() - start) / 1e9;
            assertTrue(curve.curve().orElseThrow().area() <= 1);
            results.add(curve);
            text.append(String.format(Locale.ROOT, "%n%.0f s%n%n", curveSeconds)).append(ResultsTable.curveMarkdown(curve));
            System.out.println(text);
            write(text);
            ResultsFile.write(Path.of("target/prompts-critical-eps.json"), ResultsDocument.of("benchmark:prompts-critical-eps",
                    results));
        }
    }

    /** Written step by step: a stopped run keeps what it measured. */
    private static void write(StringBuilder text) throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/prompts-critical-eps.md"), text.toString());
    }
}
