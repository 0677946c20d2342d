package io.robustgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenBundleTest;
import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.CriticalBudget;
import io.robustgate.evaluation.CriticalThreshold;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ImagePrompts;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's views of the analyses, on results the engine computed from the golden fixture: the
 * critical-budget histogram and table, and the prompts × Dice table after a round trip through the
 * results file. (The analyses' figures themselves are checked in core.)
 */
class AnalysisTablesTest extends GoldenBundleTest {

    @Test
    void theHistogramCountsEverySampleAndTheTableNamesTheMedian() {
        float maxEps = 8 / 255f;
        RobustnessResult result = evaluator.evaluate(
                AttackSpec.of(AttackNames.PGD, maxEps, Map.of("steps", 5)),
                Analyses.NONE.withCritical(CriticalThreshold.fractionOfClean(0.5)).withCriticalStep(1 / 255f));
        CriticalBudget budget = result.criticalBudget().orElseThrow();

        CriticalBudgetHistogram histogram = new CriticalBudgetHistogram(result, budget);
        assertEquals(List.of("0.0", "1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0", "8.0", "> 8.0"), histogram.labels());
        assertEquals(budget.notReached(), histogram.counts().get(9));
        assertEquals(result.samples().size(), histogram.counts().stream().mapToInt(Integer::intValue).sum());
        byte[] png = histogram.png();
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        // Every registered metric beyond Dice and IoU is shown, clean → attacked, without the report naming it.
        String headline = ResultsTable.headline(result);
        assertTrue(headline.matches(".*HD95 \\d+\\.\\d{2} → \\d+\\.\\d{2}, NSD \\d\\.\\d{3} → \\d\\.\\d{3}.*"), headline);
        String table = ResultsTable.criticalBudgetMarkdown(result);
        assertTrue(table.contains(String.format(Locale.ROOT, "median %.2f/255 over 6 samples", budget.medianCriticalEps() * 255)),
                table);
    }

    @Test
    void theResultsFileKeepsTheAnalysesAndThePromptTableListsTheWidestSpreadFirst(@TempDir Path directory) {
        RobustnessEvaluator everyPrompt = new RobustnessEvaluator(bundle,
                HeldOutSet.load(GoldenFixture.HELD_OUT, "test", PromptChoice.of("all")),
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(5));
        RobustnessResult result = everyPrompt.evaluate(AttackSpec.of(AttackNames.PGD, 4 / 255f, Map.of("steps", 5)),
                Analyses.NONE.withPromptTransfer(true));
        Path file = directory.resolve("results.json");
        ResultsFile.write(file, ResultsDocument.of("test", List.of(result)));
        RobustnessResult read = ResultsFile.read(file).results().get(0);
        assertEquals(result.analyses(), read.analyses());

        String table = ResultsTable.promptsMarkdown(read);
        ImagePrompts widest = read.promptRobustness().orElseThrow().largestSpread(1).get(0);
        List<String> lines = table.lines().toList();
        int separator = lines.indexOf(lines.stream().filter(l -> l.startsWith("|---|")).findFirst().orElseThrow());
        assertTrue(lines.get(separator + 1).startsWith("| " + widest.imageName() + " |"), "largest spread first:\n" + table);
        assertEquals(read.promptRobustness().get().images().size(),
                lines.stream().filter(l -> l.startsWith("| ") && l.contains(".png |")).count(), "one row per image");
        assertTrue(table.contains("- `p2[1]`: head of the fetus\n"), table);
        // p1 is "fetal head" on some images and another text on others: the legend lists each text once.
        assertTrue(table.contains("- `p1`: fetal head / Fetal head in the ultrasound image"), table);
        assertTrue(table.contains("transferred"), table);
    }
}
