package io.robustgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.model.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints how fast the engine attacks the sample model on this machine: the clean pass, FGSM and
 * PGD per batch size and libtorch thread count, and one full PGD-40 run. It asserts nothing about
 * time; run it with {@code mvn -B test -pl benchmarks -am -Pbenchmark -Dtest=AttackThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class AttackThroughputBenchmark {

    private static final Path MODEL = SampleProject.MODELS.resolve("hc18");
    private static final Path DATA = SampleProject.HELD_OUT;

    @Test
    void printThroughput() {
        long loadStart = System.nanoTime();
        try (ModelBundle bundle = ModelBundle.load(MODEL, Device.cpu())) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            HeldOutSet set = HeldOutSet.load(DATA, "test", PromptChoice.DEFAULT);
            System.out.printf(Locale.ROOT, "%n[benchmark] %s on %s (%d samples), %d cores; model load %.1f s%n",
                    bundle.name(), set.name(), set.samples().size(), Runtime.getRuntime().availableProcessors(), loadSeconds);
            System.out.println("| libtorch threads | batch | clean pass (samples/s) | FGSM (samples/s) | PGD step (ms/sample) |");
            System.out.println("|---|---|---|---|---|");
            for (int threads : List.of(1, 2)) {
                JniUtils.setNumThreads(threads);
                for (int batch : List.of(1, 8, 16, 48)) {
                    RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set, quiet(batch));
                    double clean = set.samples().size() / evaluator.cleanPass().seconds();
                    double fgsm = evaluator.evaluate(AttackSpec.fgsm(2 / 255f)).timings().samplesPerSecond();
                    RobustnessResult pgd = evaluator.evaluate(AttackSpec.pgd(2 / 255f).withSteps(10));
                    double stepMillis = 1000 * pgd.timings().attackSeconds() / 10 / set.samples().size();
                    System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f |%n", threads, batch, clean, fgsm, stepMillis);
                    assertEquals(set.samples().size(), pgd.samples().size());
                }
            }
            JniUtils.setNumThreads(1);
            RobustnessResult full = new RobustnessEvaluator(bundle, set, quiet(16)).evaluate(AttackSpec.pgd(2 / 255f));
            System.out.printf(Locale.ROOT, "[benchmark] PGD-40 eps=2/255, batch 16, 1 thread: %.1f s for %d samples "
                            + "(clean Dice %.3f -> %.3f)%n",
                    full.timings().attackSeconds(), full.samples().size(), full.cleanDice().mean(), full.adversarialDice().mean());
        }
    }

    private static EvaluationOptions quiet(int batchSize) {
        return EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(batchSize);
    }
}
