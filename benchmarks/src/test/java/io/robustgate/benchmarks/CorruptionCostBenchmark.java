package io.robustgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.corruption.ChannelImage;
import io.robustgate.corruption.CorruptionKind;
import io.robustgate.corruption.CounterNoise;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PreparedSample;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What image corruptions cost (docs/corruptions.md#cost): per kind at severities 1, 3 and 5, the
 * corruption alone on the 48 held-out images at the sample model's resolution (160×160×3; best of 3
 * rounds, after a warm-up round), and a whole CORRUPTION result per kind at severity 3 through the
 * evaluator (batch 16, one libtorch thread), against its clean pass. Run it with {@code mvn -B -o
 * test -pl benchmarks -am -Pbenchmark -Pskip-framework-tests -Dtest=CorruptionCostBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; it writes {@code target/corruption-cost.md} and asserts
 * only that no gradient was taken.
 */
@Tag("benchmark")
class CorruptionCostBenchmark {

    @Test
    void corruptionCostPerSample() throws IOException {
        try (ModelBundle bundle = ModelBundle.load(SampleProject.MODELS.resolve("hc18"), Device.cpu())) {
            JniUtils.setNumThreads(1);
            HeldOutSet set = HeldOutSet.load(SampleProject.HELD_OUT, "test", PromptChoice.DEFAULT);
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set, EvaluationOptions.DEFAULTS.withBatchSize(16));
            List<PreparedSample> samples = evaluator.samples();
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%n%s, %d samples %d×%d×%d, %d cores%n%n| kind | corruption alone, ms per sample (severity 1 / 3 / 5) |"
                            + " CORRUPTION result at severity 3: s per sample (clean pass: %s) | mean Dice at 3 |%n|---|---|---|---|%n",
                    bundle.name(), samples.size(), samples.get(0).channels(), samples.get(0).height(), samples.get(0).width(),
                    Runtime.getRuntime().availableProcessors(), "see below"));
            double cleanPerSample = Double.NaN;
            for (CorruptionKind kind : CorruptionKind.values()) {
                StringBuilder alone = new StringBuilder();
                for (int severity : new int[] {1, 3, 5}) {
                    alone.append(alone.length() == 0 ? "" : " / ")
                            .append(String.format(Locale.ROOT, "%.2f", millisPerSample(kind, severity, samples)));
                }
                RobustnessResult result = evaluator.evaluate(AttackSpec.of(AttackNames.CORRUPTION, 0,
                        Map.of("kinds", kind.optionName(), "severity", 3)));
                assertEquals(0, result.samples().stream().mapToInt(s -> s.gradientPasses()).sum(), "no gradient");
                cleanPerSample = result.timings().cleanPassSeconds() / samples.size();
                table.append(String.format(Locale.ROOT, "| `%s` | %s | %.3f | %.3f |%n", kind.optionName(), alone,
                        result.timings().attackSeconds() / samples.size(), result.adversarialDice().mean()));
            }
            String text = table.toString().replace("see below", String.format(Locale.ROOT, "%.3f s per sample", cleanPerSample));
            System.out.print(text);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/corruption-cost.md"), text);
        }
    }

    private static double millisPerSample(CorruptionKind kind, int severity, List<PreparedSample> samples) {
        double best = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 4; round++) {
            long start = System.nanoTime();
            for (PreparedSample sample : samples) {
                kind.at(severity).apply(new ChannelImage(sample.pixels(), sample.channels(), sample.height(), sample.width()),
                        new CounterNoise(round));
            }
            double millis = (System.nanoTime() - start) / 1e6 / samples.size();
            if (round > 0) {
                best = Math.min(best, millis);
            }
        }
        return best;
    }
}
