package io.robustgate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.AttackNames;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RuleCheck;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.report.ResultsDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureResultsExportTest {

    @TempDir
    Path results;

    private final RobustnessResult fgsm = RecordedResults.uniform(AttackSpec.fgsm(1 / 255f), 4, 0.90, 0.88);
    private final RobustnessResult pgd = RecordedResults.uniform(AttackSpec.pgd(2 / 255f), 4, 0.90, 0.60);
    private final ResultsDocument document = ResultsDocument.of("maven:evaluate", List.of(fgsm, pgd));
    private final List<RuleOutcome> outcomes = new RuleCheck(List.of(
            new GateRule(AttackNames.PGD, 2 / 255f, List.of(Limit.minimum(GateMetric.DICE, 0.80)))),
            GateStatistic.MEAN).check(List.of(fgsm, pgd));

    @Test
    void oneAllureResultPerAttackWithTheGatesVerdict() throws Exception {
        int written = new AllureResultsExport(results, outcomes).write(document);

        assertEquals(2, written);
        Map<String, JsonNode> byName = allureResults();
        JsonNode passed = byName.get("FGSM eps=1/255 on hc18/test");
        assertEquals("passed", passed.get("status").asText());
        JsonNode failed = byName.get("PGD eps=2/255 steps=40 on hc18/test");
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.at("/statusDetails/message").asText()
                .startsWith("Rule PGD eps=2/255 violated: PGD eps=2/255 steps=40: Dice 0.600 < minDice 0.800"));
        assertEquals("finished", failed.get("stage").asText());
        assertEquals("Rule PGD eps=2/255: PGD eps=2/255 steps=40: Dice 0.600 < minDice 0.800 [model hc18-vlsm, data hc18/test]",
                failed.at("/steps/0/name").asText());
        assertEquals("failed", failed.at("/steps/0/status").asText());
        assertEquals("2/255", parameter(failed, "eps"));
        assertEquals("40", parameter(failed, "steps"));
        assertEquals("2.5·eps/steps", parameter(failed, "alpha"), "alpha 0 is shown by its meaning");
        assertEquals("hc18-vlsm", parameter(failed, "model"));
        assertTrue(failed.get("description").asText().contains("| Dice | 0.900 (95% CI 0.900–0.900) | 0.600"),
                failed.get("description").asText());
    }

    @Test
    void analysesAddThePromptTableAndTheCurveWithItsPicture() throws Exception {
        // Samples 0 and 1 are one image under two prompts: prompt=all, as the evaluator would record it.
        List<io.robustgate.evaluation.SampleResult> samples = new java.util.ArrayList<>(pgd.samples());
        var first = samples.get(0);
        samples.set(1, new io.robustgate.evaluation.SampleResult("0b", first.imageName(), first.maskName(), "p2", "fetal skull",
                0.9, 0.8, 0.3, 0.2, 0.0078, 0.2, 45));
        var prompts = io.robustgate.evaluation.PromptRobustness.of(samples, 1);
        var curve = new io.robustgate.evaluation.DiceCurve(List.of(new io.robustgate.evaluation.DiceCurve.Point(0f, 0.9, 0.9, 0.9),
                new io.robustgate.evaluation.DiceCurve.Point(2 / 255f, 0.6, 0.6, 0.6)), 0.75);
        RobustnessResult analysed = pgd.withAnalyses(new io.robustgate.evaluation.ResultAnalyses(prompts, null, curve));
        new AllureResultsExport(results, List.of()).write(ResultsDocument.of("maven:evaluate", List.of(analysed)));

        JsonNode attachments = allureResults().get("PGD eps=2/255 steps=40 on hc18/test").get("attachments");
        Map<String, JsonNode> byName = new HashMap<>();
        attachments.forEach(a -> byName.put(a.get("name").asText(), a));
        String table = Files.readString(results.resolve(byName.get("Prompts × Dice (largest spread first)").get("source").asText()));
        assertTrue(table.contains("| 000_HC.png | 0.900 → 0.600 | 0.900 → 0.300 | p2 (0.300) | 0.300 |"), table);
        assertEquals("image/png", byName.get("Dice against eps (curve)").get("type").asText());
        byte[] png = Files.readAllBytes(results.resolve(byName.get("Dice against eps (curve)").get("source").asText()));
        assertEquals('P', png[1]);
        assertFalse(byName.containsKey("Critical eps"), "no search, no histogram");
    }

    @Test
    void attachmentsAreWrittenWhereAllureLooksForThem() throws Exception {
        new AllureResultsExport(results, List.of()).write(document);

        JsonNode pgdResult = allureResults().get("PGD eps=2/255 steps=40 on hc18/test");
        assertEquals("passed", pgdResult.get("status").asText(), "without rules nothing fails");
        JsonNode attachments = pgdResult.get("attachments");
        assertEquals(2, attachments.size());
        for (JsonNode attachment : attachments) {
            Path file = results.resolve(attachment.get("source").asText());
            assertTrue(Files.isRegularFile(file), file.toString());
            assertTrue(file.getFileName().toString().contains("-attachment"), file.toString());
        }
        String csv = Files.readString(results.resolve(attachments.get(1).get("source").asText()));
        assertEquals("text/csv", attachments.get(1).get("type").asText());
        assertTrue(csv.startsWith("image,mask,prompt_key,prompt,clean_dice,attacked_dice,dice_drop"), csv);
        assertTrue(csv.contains("\"000_HC.png\",\"000_HC_Annotation.png\",\"p1\",\"fetal head, ultrasound\",0.90000,0.60000,0.30000"), csv);
        assertEquals(5, csv.lines().count());
    }

    @Test
    void aRerunReplacesItsResultInsteadOfAddingOne() throws Exception {
        AllureResultsExport export = new AllureResultsExport(results, outcomes);
        export.write(document);
        export.write(ResultsDocument.of("maven:evaluate", List.of(fgsm, pgd)));

        assertEquals(2, allureResults().size());
    }

    @Test
    void emptyResultIsBroken() throws Exception {
        RobustnessResult empty = RecordedResults.uniform(AttackSpec.fgsm(1 / 255f), 0, 0.9, 0.9);

        new AllureResultsExport(results, List.of()).write(ResultsDocument.of("maven:evaluate", List.of(empty)));

        assertEquals("broken", allureResults().get("FGSM eps=1/255 on hc18/test").get("status").asText());
    }

    @Test
    void onlyThePluginsOwnDocumentsAreConverted() {
        assertTrue(AllureResultsExport.fromPlugin(document));
        assertFalse(AllureResultsExport.fromPlugin(ResultsDocument.of("junit:HeadTest#pgd", List.of(pgd))));
    }

    private Map<String, JsonNode> allureResults() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byName = new HashMap<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode node = json.readTree(file.toFile());
                assertEquals(node.get("uuid").asText() + "-result.json", file.getFileName().toString());
                byName.put(node.get("name").asText(), node);
            }
        }
        return byName;
    }

    private static String parameter(JsonNode result, String name) {
        for (JsonNode parameter : result.get("parameters")) {
            if (parameter.get("name").asText().equals(name)) {
                return parameter.get("value").asText();
            }
        }
        return null;
    }
}
