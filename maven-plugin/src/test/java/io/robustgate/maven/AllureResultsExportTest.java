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
import io.robustgate.results.ResultsDocument;
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
        JsonNode ungated = byName.get("FGSM eps=1/255 on hc18/test");
        assertEquals("unknown", ungated.get("status").asText(), "no rule gates FGSM: measured, not passed");
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
        JsonNode promptTable = byName.get("prompts × Dice (largest spread first)");
        assertEquals("text/html", promptTable.get("type").asText(), "Allure shows HTML inline, Markdown only as a download");
        String table = Files.readString(results.resolve(promptTable.get("source").asText()));
        assertTrue(table.contains("<td>000_HC.png</td>\n<td align=\"right\">0.900 → 0.600</td>\n"
                + "<td align=\"right\">0.900 → 0.300</td>\n<td align=\"right\">p2 (0.300)</td>"), table);
        JsonNode curvePicture = byName.entrySet().stream().filter(e -> e.getKey().startsWith("Dice against eps: "))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertEquals("image/png", curvePicture.get("type").asText());
        byte[] png = Files.readAllBytes(results.resolve(curvePicture.get("source").asText()));
        assertEquals('P', png[1]);
        assertEquals("text/html", byName.get("Dice against eps").get("type").asText());
        assertFalse(byName.containsKey("critical eps"), "no search, no histogram");
    }

    @Test
    void attachmentsAreWrittenWhereAllureLooksForThem() throws Exception {
        new AllureResultsExport(results, List.of()).write(document);

        JsonNode pgdResult = allureResults().get("PGD eps=2/255 steps=40 on hc18/test");
        assertEquals("unknown", pgdResult.get("status").asText(), "without rules nothing fails, and nothing passes");
        assertTrue(pgdResult.at("/statusDetails/message").asText().startsWith("not gated: no rule sets a limit on PGD eps=2/255 steps=40"),
                pgdResult.at("/statusDetails/message").asText());
        JsonNode attachments = pgdResult.get("attachments");
        assertEquals(List.of("text/html", "text/plain", "text/csv"), types(attachments));
        for (JsonNode attachment : attachments) {
            Path file = results.resolve(attachment.get("source").asText());
            assertTrue(Files.isRegularFile(file), file.toString());
            assertTrue(file.getFileName().toString().contains("-attachment"), file.toString());
        }
        String html = Files.readString(results.resolve(attachments.get(0).get("source").asText()));
        assertTrue(html.contains("<tr><td class=\"text\">PGD eps=2/255 steps=40</td><td>4</td><td>0.900</td><td>0.600</td>"), html);
        String csv = Files.readString(results.resolve(attachments.get(2).get("source").asText()));
        assertTrue(csv.startsWith("image,mask,prompt_key,prompt,clean_dice,attacked_dice,dice_drop"), csv);
        assertTrue(csv.contains("\"000_HC.png\",\"000_HC_Annotation.png\",\"p1\",\"fetal head, ultrasound\",0.90000,0.60000,0.30000"), csv);
        assertEquals(5, csv.lines().count());
    }

    @Test
    void aSweepGetsItsCurveAndEveryCaseLinksTheDashboard() throws Exception {
        RobustnessResult fgsm4 = RecordedResults.uniform(AttackSpec.fgsm(4 / 255f), 4, 0.90, 0.50);
        new AllureResultsExport(results, List.of()).write(ResultsDocument.of("maven:evaluate", List.of(fgsm, fgsm4, pgd)));

        Map<String, JsonNode> byName = allureResults();
        JsonNode sweep = byName.get("FGSM eps=4/255 on hc18/test");
        assertEquals(List.of("text/html", "image/png", "text/plain", "text/csv"), types(sweep.get("attachments")));
        assertEquals("robustness curve: FGSM on hc18-vlsm / hc18/test", sweep.at("/attachments/1/name").asText());
        String html = Files.readString(results.resolve(sweep.at("/attachments/0/source").asText()));
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "the curve is inside the summary page");
        assertEquals(List.of("text/html", "text/plain", "text/csv"),
                types(byName.get("PGD eps=2/255 steps=40 on hc18/test").get("attachments")), "one budget: no curve");
        for (JsonNode test : byName.values()) {
            assertEquals("robustness.html", test.at("/links/0/url").asText());
        }
    }

    private static List<String> types(JsonNode attachments) {
        List<String> types = new java.util.ArrayList<>();
        attachments.forEach(a -> types.add(a.get("type").asText()));
        return types;
    }

    @Test
    void attachesExactlyTheSharedListOfAResultsAttachments() throws Exception {
        new AllureResultsExport(results, List.of()).write(document);

        List<String> attached = new java.util.ArrayList<>();
        allureResults().get("PGD eps=2/255 steps=40 on hc18/test").get("attachments")
                .forEach(a -> attached.add(a.get("name").asText()));
        assertEquals(io.robustgate.report.ResultAttachmentList.of(pgd, List.of(), List.of(), "")
                .stream().map(io.robustgate.report.AnalysisAttachments.Attachment::name).toList(), attached);
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
