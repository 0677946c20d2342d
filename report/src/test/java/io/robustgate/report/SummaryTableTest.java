package io.robustgate.report;

import io.robustgate.results.ResultsDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.AttackNames;
import io.robustgate.evaluation.Results;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RecordedGate;
import io.robustgate.gate.RuleCheck;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.report.SummaryRow.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTableTest {

    private final RobustnessResult fgsm = Results.uniform(AttackSpec.fgsm(1 / 255f), 4, 0.90, 0.88);
    private final RobustnessResult pgd = Results.uniform(AttackSpec.pgd(2 / 255f), 4, 0.90, 0.60);
    private final List<ResultsDocument> documents = List.of(
            ResultsDocument.of("maven:evaluate", List.of(fgsm)),
            ResultsDocument.of("junit:HeadSegmentationTest#pgd", List.of(pgd)));
    private final List<RuleOutcome> outcomes = new RuleCheck(List.of(
            new GateRule(AttackNames.PGD, 2 / 255f, List.of(Limit.minimum(GateMetric.DICE, 0.80))),
            new GateRule(AttackNames.PGD, 8 / 255f, List.of(Limit.minimum(GateMetric.DICE, 0.50)))),
            GateStatistic.MEAN).check(List.of(fgsm, pgd));

    @Test
    void rowPerResultWithVerdictFromTheRules() {
        SummaryTable table = SummaryTable.of(documents, outcomes);

        assertEquals(2, table.rows().size());
        SummaryRow first = table.rows().get(0);
        assertEquals("FGSM", first.attack());
        assertEquals("1/255", first.eps());
        assertEquals("maven:evaluate", first.source());
        assertEquals(4, first.samples());
        assertEquals(0.02, first.diceDrop(), 1e-9);
        assertEquals(Verdict.NOT_GATED, first.verdict());
        SummaryRow second = table.rows().get(1);
        assertEquals("PGD steps=40", second.attack());
        assertEquals(Verdict.FAILED, second.verdict());
        assertFalse(table.passed());
    }

    @Test
    void markdownHasTheTableAndOneLinePerRule() {
        String markdown = SummaryTable.of(documents, outcomes).toMarkdown();

        assertTrue(markdown.contains("| Attack | eps | Model | Data | n | Clean Dice | Attacked Dice | Dice drop |"), markdown);
        assertTrue(markdown.contains("| FGSM | 1/255 | test-model | hc18/test | 4 | 0.900 | 0.880 | 0.020 |"), markdown);
        assertTrue(markdown.contains("| PGD steps=40 | 2/255 | test-model | hc18/test | 4 | 0.900 | 0.600 | 0.300 |"), markdown);
        assertTrue(markdown.contains("| FAILED | junit:HeadSegmentationTest#pgd | none |"), markdown);
        assertTrue(markdown.contains("- **PGD eps=2/255**: FAILED\n  - Rule PGD eps=2/255 violated: PGD eps=2/255 steps=40: Dice 0.600 < minDice 0.800"), markdown);
        assertTrue(markdown.contains("- **PGD eps=8/255**: FAILED\n  - Rule PGD eps=8/255 matched no result"), markdown);
    }

    @Test
    void aResultItsAnnotationGatesIsNotCalledNotGated() {
        RecordedGate annotation = new RecordedGate(List.of(Limit.minimum(GateMetric.DICE, 0.70)), GateStatistic.MEAN, false);
        RecordedGate tooStrict = new RecordedGate(List.of(Limit.minimum(GateMetric.DICE, 0.95)), GateStatistic.MEAN, false);

        SummaryTable table = SummaryTable.of(List.of(
                ResultsDocument.of("junit:FetalHeadTest#fgsm", List.of(fgsm)).withGate(annotation),
                ResultsDocument.of("junit:FetalHeadTest#strict", List.of(fgsm)).withGate(tooStrict)), List.of());

        assertEquals(List.of(Verdict.PASSED, Verdict.FAILED), table.rows().stream().map(SummaryRow::verdict).toList());
        assertFalse(table.passed());
    }

    @Test
    void withoutRulesEveryRowIsNotGatedAndTheTablePasses() {
        SummaryTable table = SummaryTable.of(documents, List.of());

        assertTrue(table.rows().stream().allMatch(r -> r.verdict() == Verdict.NOT_GATED));
        assertTrue(table.passed());
        assertFalse(table.toMarkdown().contains("## Rules"));
    }

    @Test
    void passingRuleListsTheMeasuredValues() {
        List<RuleOutcome> passing = new RuleCheck(List.of(
                new GateRule(AttackNames.FGSM, null, List.of(Limit.maximum(GateMetric.DICE_DROP, 0.05)))),
                GateStatistic.MEAN).check(List.of(fgsm, pgd));

        SummaryTable table = SummaryTable.of(documents, passing);

        assertTrue(table.passed());
        assertEquals(Verdict.PASSED, table.rows().get(0).verdict());
        assertEquals(List.of("FGSM eps=1/255: Dice drop 0.020 ≤ maxDiceDrop 0.050 [model test-model, data hc18/test]"),
                table.rules().get(0).details());
    }

    @Test
    void writesMarkdownAndJsonThatReadBack(@TempDir Path dir) throws Exception {
        SummaryTable table = SummaryTable.of(documents, outcomes);

        table.writeMarkdown(dir.resolve("summary.md"));
        table.writeJson(dir.resolve("summary.json"));

        assertEquals(table.toMarkdown(), Files.readString(dir.resolve("summary.md")));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(2, json.get("rows").size());
        assertEquals("PGD steps=40", json.get("rows").get(1).get("attack").asText());
        assertEquals("FAILED", json.get("rows").get(1).get("verdict").asText());
        assertEquals(0.6, json.get("rows").get(1).get("adversarialDice").asDouble(), 1e-9);
        assertEquals("PGD eps=8/255", json.get("rules").get(1).get("rule").asText());
        assertFalse(json.get("rules").get(1).get("passed").asBoolean());
    }

    @Test
    void rowsAreGroupedByAttackWithBudgetsAscending() {
        RobustnessResult fgsm8 = Results.uniform(AttackSpec.fgsm(8 / 255f), 4, 0.90, 0.40);
        RobustnessResult fgsm2 = Results.uniform(AttackSpec.fgsm(2 / 255f), 4, 0.90, 0.80);
        List<ResultsDocument> mixed = List.of(
                ResultsDocument.of("maven:evaluate", List.of(fgsm8, pgd)),
                ResultsDocument.of("junit:HeadTest#fgsm", List.of(fgsm2, fgsm)));

        List<SummaryRow> rows = SummaryTable.of(mixed, List.of()).rows();

        assertEquals(List.of("FGSM 1/255", "FGSM 2/255", "FGSM 8/255", "PGD steps=40 2/255"),
                rows.stream().map(r -> r.attack() + " " + r.eps()).toList());
        assertEquals("junit:HeadTest#fgsm", rows.get(1).source());
    }

    @Test
    void emptyTableSaysSo() {
        assertTrue(SummaryTable.of(List.of(), List.of()).toMarkdown().contains("No results were recorded."));
    }
}
