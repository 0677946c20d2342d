package io.robustgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.model.ModelBundle;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sample README's table for the two attacks that do not follow gradients per image: a universal
 * perturbation at 4, 8 and 16/255 (fitted with its defaults on half of the 48 held-out samples,
 * evaluated on the other 24) against PGD-40 on those same 24, and Square with 1000 queries against
 * PGD-40 at 4/255. Run it with {@code mvn -B test -pl benchmarks -am -Pbenchmark
 * -Dtest=BlackBoxAndUniversalBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Drobustgate.benchmark.squareSamples=N} measures Square on the first N samples only). It
 * asserts what holds by construction (budgets, the split), never anything about Dice or time.
 */
@Tag("benchmark")
class BlackBoxAndUniversalBenchmark {

    private static final Path MODEL = SampleProject.MODELS.resolve("hc18");
    private static final Path DATA = SampleProject.HELD_OUT;

    @Test
    void universalAndSquareAgainstPgd() throws IOException {
        try (ModelBundle bundle = ModelBundle.load(MODEL, Device.cpu())) {
            JniUtils.setNumThreads(1);
            HeldOutSet set = HeldOutSet.load(DATA, "test", PromptChoice.DEFAULT);
            EvaluationOptions options = EvaluationOptions.DEFAULTS.withBatchSize(16);
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set, options);
            List<RobustnessResult> results = new ArrayList<>();
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%n%s on %s, batch 16, 1 libtorch thread, %d cores%n%n| attack | fitted on | evaluated on | "
                            + "clean Dice | attacked Dice (95%% CI) | PGD-40 Dice on the same samples | time |%n|---|---|---|---|---|---|---|%n",
                    bundle.name(), set.name(), Runtime.getRuntime().availableProcessors()));
            for (float eps : new float[] {4 / 255f, 8 / 255f, 16 / 255f}) {
                RobustnessResult universal = evaluator.evaluate(AttackSpec.of(AttackNames.UNIVERSAL, eps, Map.of()));
                Set<String> evaluated = universal.samples().stream().map(SampleResult::sampleId).collect(Collectors.toSet());
                RobustnessEvaluator onEvaluated = new RobustnessEvaluator(bundle,
                        set.only(sample -> evaluated.contains(sample.id())), options);
                RobustnessResult pgd = onEvaluated.evaluate(AttackSpec.pgd(eps));
                assertTrue(universal.fit().perturbation().linf() <= eps + 1e-7, "δ within the budget");
                assertTrue(universal.fit().fittedSamples().stream().noneMatch(evaluated::contains), "fitted ≠ evaluated");
                row(table, universal, universal.fit().fittedSamples().size() + " samples (fitFraction 0.5)", pgd);
                results.add(universal);
                results.add(pgd);
                // Written row by row: the Square rows take longest, and a stopped run keeps what it measured.
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target/blackbox-universal.md"), table.toString());
            }
            int squareSamples = Integer.getInteger("robustgate.benchmark.squareSamples", set.samples().size());
            RobustnessEvaluator squareSet = new RobustnessEvaluator(bundle, set.limit(squareSamples), options);
            RobustnessResult pgd = squareSet.evaluate(AttackSpec.pgd(4 / 255f));
            RobustnessResult square = squareSet.evaluate(AttackSpec.of(AttackNames.SQUARE, 4 / 255f, Map.of()));
            row(table, square, "—", pgd);
            results.add(pgd);
            results.add(square);
            table.append(String.format(Locale.ROOT, "%nSquare alarms: %s%n", square.alarms().isEmpty() ? "none"
                    : square.alarms().get(0).message()));
            for (RobustnessResult universal : results.stream().filter(r -> r.fit() != null).toList()) {
                table.append(String.format(Locale.ROOT, "%s fitting loss per epoch: %s%n", universal.displayName(),
                        universal.fit().lossPerEpoch().stream().map(l -> String.format(Locale.ROOT, "%.3f", l)).toList()));
            }
            System.out.println(table);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/blackbox-universal.md"), table.toString());
            ResultsFile.write(Path.of("target/blackbox-universal.json"), ResultsDocument.of("benchmark:blackbox-universal", results));
        }
    }

    private static void row(StringBuilder table, RobustnessResult attack, String fittedOn, RobustnessResult pgd) {
        table.append(String.format(Locale.ROOT, "| %s | %s | %d samples | %.3f | %.3f (%.3f–%.3f) | %.3f | %.0f s |%n",
                attack.displayName(), fittedOn, attack.samples().size(), attack.cleanDice().mean(),
                attack.adversarialDice().mean(), attack.adversarialDice().ciLow(), attack.adversarialDice().ciHigh(),
                pgd.adversarialDice().mean(), attack.timings().attackSeconds()));
    }
}
