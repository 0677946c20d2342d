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
 * Every attack RobustGate ships, with its defaults, on the sample model's 48 held-out samples at
 * 2/255 (PGD-L2 at an L2 radius of 0.5): mean Dice and IoU, time, and on how many samples each
 * attack goes below PGD-40. This is the table of the sample README. It takes about half an hour
 * on two cores; run it with
 * {@code mvn -B test -pl benchmarks -am -Pbenchmark -Dtest=AttackComparisonBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. It asserts what holds by construction (the ensemble
 * is at most each member on every sample), never anything about time.
 */
@Tag("benchmark")
class AttackComparisonBenchmark {

    private static final Path MODEL = SampleProject.MODELS.resolve("hc18");
    private static final Path DATA = SampleProject.HELD_OUT;
    private static final float EPS = 2 / 255f;

    @Test
    void compareEveryAttack() throws IOException {
        try (ModelBundle bundle = ModelBundle.load(MODEL, Device.cpu())) {
            JniUtils.setNumThreads(1);
            HeldOutSet set = HeldOutSet.load(DATA, "test", PromptChoice.DEFAULT);
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set, EvaluationOptions.DEFAULTS.withBatchSize(16));
            List<AttackSpec> specs = List.of(
                    AttackSpec.fgsm(EPS),
                    AttackSpec.pgd(EPS),
                    AttackSpec.of(AttackNames.SEGPGD, EPS, Map.of()),
                    AttackSpec.of(AttackNames.COSPGD, EPS, Map.of()),
                    AttackSpec.of(AttackNames.APGD, EPS, Map.of("loss", "BCE")),
                    AttackSpec.of(AttackNames.APGD, EPS, Map.of("loss", "MASKED_BCE")),
                    AttackSpec.of(AttackNames.APGD, EPS, Map.of("loss", "SOFT_DICE")),
                    AttackSpec.of(AttackNames.PGD_L2, 0.5f, Map.of()),
                    AttackSpec.of(AttackNames.ENSEMBLE, EPS, Map.of()));
            List<RobustnessResult> results = new ArrayList<>();
            for (AttackSpec spec : specs) {
                results.add(evaluator.evaluate(spec));
            }
            RobustnessResult pgd = results.get(1);
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%n%s on %s (%d samples), clean Dice %.3f, batch 16, 1 libtorch thread, %d cores%n%n",
                    bundle.name(), set.name(), set.samples().size(), pgd.cleanDice().mean(),
                    Runtime.getRuntime().availableProcessors()));
            table.append("| attack | mean Dice (95% CI) | mean IoU | time | samples below PGD-40 | alarms |\n");
            table.append("|---|---|---|---|---|---|\n");
            for (RobustnessResult result : results) {
                table.append(String.format(Locale.ROOT, "| %s | %.3f (%.3f–%.3f) | %.3f | %.0f s | %s | %s |%n",
                        result.displayName(), result.adversarialDice().mean(), result.adversarialDice().ciLow(),
                        result.adversarialDice().ciHigh(), result.adversarialIou().mean(), result.timings().attackSeconds(),
                        result == pgd ? "—" : below(result, pgd) + " of " + result.samples().size(),
                        ResultsTable.alarmCell(result)));
            }
            RobustnessResult ensemble = results.get(results.size() - 1);
            table.append("\nENSEMBLE members:\n\n").append(ResultsTable.membersMarkdown(ensemble));
            System.out.println(table);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/attack-comparison.md"), table.toString());
            ResultsFile.write(Path.of("target/attack-comparison.json"), ResultsDocument.of("benchmark:attack-comparison", results));

            for (SampleResult sample : ensemble.samples()) {
                for (double member : sample.memberDice().values()) {
                    assertTrue(sample.adversarialDice() <= member, sample.imageName() + ": ensemble above a member");
                }
            }
            for (RobustnessResult standalone : results.subList(4, 7)) {
                for (int i = 0; i < ensemble.samples().size(); i++) {
                    assertTrue(ensemble.samples().get(i).adversarialDice() <= standalone.samples().get(i).adversarialDice(),
                            standalone.displayName() + " alone beat the ensemble on " + ensemble.samples().get(i).imageName());
                }
            }
        }
    }

    private static long below(RobustnessResult result, RobustnessResult pgd) {
        long count = 0;
        for (int i = 0; i < result.samples().size(); i++) {
            if (result.samples().get(i).adversarialDice() < pgd.samples().get(i).adversarialDice()) {
                count++;
            }
        }
        return count;
    }
}
