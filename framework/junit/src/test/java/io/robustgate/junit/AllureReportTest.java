package io.robustgate.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.robustgate.junit.fixtures.FailingGateFixture;
import io.robustgate.junit.fixtures.SweepFixture;
import io.robustgate.report.RobustnessCurve;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs fixtures through a launcher with Allure's JUnit listener writing to a temporary folder, and
 * reads back what each invocation recorded.
 */
class AllureReportTest {

    @TempDir
    static Path allureResults;

    @TempDir
    static Path robustgateResults;

    /** Allure test results by name, which Allure makes of the method and the invocation display name. */
    private static final Map<String, JsonNode> TESTS = new HashMap<>();

    @BeforeAll
    static void runFixturesWithAllure() throws IOException {
        for (JsonNode test : AllureFixtureRun.run(allureResults, robustgateResults, SweepFixture.class, FailingGateFixture.class)) {
            TESTS.put(test.get("name").asText(), test);
        }
    }

    @Test
    void everyInvocationIsATestCaseWithItsAttackParameters() {
        assertEquals(4, TESTS.size(), TESTS.keySet().toString());
        JsonNode test = TESTS.get("fgsmSweep() FGSM eps=2/255");
        assertNotNull(test, TESTS.keySet().toString());
        Map<String, String> parameters = parameters(test);
        assertEquals("FGSM", parameters.get("attack"));
        assertEquals("2/255", parameters.get("eps"));
        assertEquals("Linf", parameters.get("threat model"));
        assertEquals("BCE", parameters.get("loss"));
        assertEquals("none", parameters.get("alarms"));
        assertTrue(parameters.get("model").endsWith("golden/fixture-bundle"), parameters.get("model"));
        assertTrue(parameters.get("data set").contains("golden/heldout (split test, prompt p1)"), parameters.get("data set"));
        assertTrue(parameters.get("attacked Dice").matches("\\d\\.\\d{3} \\(95% CI \\d\\.\\d{3}–\\d\\.\\d{3}\\)"),
                parameters.get("attacked Dice"));
    }

    @Test
    void stepsFollowTheRun() {
        List<String> steps = new ArrayList<>();
        TESTS.get("fgsmSweep() FGSM eps=1/255").get("steps").forEach(step -> steps.add(step.get("name").asText()));
        assertEquals(List.of("load model and held-out set", "clean pass (shared by all attacks on this set)",
                "attack: FGSM eps=1/255", "gate: minDice 0.3"), steps);
    }

    @Test
    void worstSamplesAreAttachedAsPicturePanels() throws IOException {
        List<JsonNode> panels = attachments(TESTS.get("fgsmSweep() FGSM eps=1/255"), "image/png");
        // the 3 lowest attacked Dice and the 3 largest drops, which may be the same samples
        assertTrue(panels.size() >= 3 && panels.size() <= 6, panels.size() + " panels");
        for (JsonNode panel : panels) {
            assertTrue(panel.get("name").asText().matches("worst #\\d: \\S+\\.png \\(Dice \\d\\.\\d{3} → \\d\\.\\d{3}\\)"),
                    panel.get("name").asText());
            BufferedImage image = ImageIO.read(allureResults.resolve(panel.get("source").asText()).toFile());
            assertNotNull(image, "attachment is not a readable PNG: " + panel);
            assertTrue(image.getWidth() > 3 * 64 && image.getHeight() > 2 * 48, image.getWidth() + "x" + image.getHeight());
        }
    }

    @Test
    void tablesAreAttached() throws IOException {
        JsonNode test = TESTS.get("fgsmSweep() FGSM eps=1/255");
        JsonNode csv = attachments(test, "text/csv").get(0);
        List<String> rows = Files.readAllLines(allureResults.resolve(csv.get("source").asText()));
        assertEquals(7, rows.size(), "header and six samples");
        JsonNode html = attachments(test, "text/html").get(0);
        assertEquals("summary", html.get("name").asText());
        String summary = Files.readString(allureResults.resolve(html.get("source").asText()));
        assertTrue(summary.contains("<tr><td class=\"text\">FGSM eps=1/255</td><td>6</td>"), summary);
        assertTrue(attachments(test, "text/markdown").isEmpty(), "Allure cannot show Markdown inline");
    }

    @Test
    void everyInvocationLinksTheDashboard() {
        for (JsonNode test : TESTS.values()) {
            List<String> links = new ArrayList<>();
            test.path("links").forEach(l -> links.add(l.get("name").asText() + " -> " + l.get("url").asText()));
            assertTrue(links.contains("robustness dashboard -> robustness.html"), test.get("name").asText() + ": " + links);
        }
    }

    @Test
    void lastInvocationOfASweepCarriesTheRobustnessCurve() throws IOException {
        assertFalse(names(attachments(TESTS.get("fgsmSweep() FGSM eps=1/255"), "image/png")).stream().anyMatch(n -> n.startsWith("robustness curve")));
        List<JsonNode> curves = attachments(TESTS.get("fgsmSweep() FGSM eps=4/255"), "image/png").stream()
                .filter(a -> a.get("name").asText().startsWith("robustness curve")).toList();
        assertEquals(1, curves.size());
        assertEquals("robustness curve: FGSM on golden-fixture / heldout/test", curves.get(0).get("name").asText());
        BufferedImage curve = ImageIO.read(allureResults.resolve(curves.get(0).get("source").asText()).toFile());
        assertEquals(RobustnessCurve.WIDTH, curve.getWidth());
        assertEquals(RobustnessCurve.HEIGHT, curve.getHeight());
    }

    @Test
    void failedGateIsAFailedStepAndAFailedTest() {
        JsonNode failed = null;
        for (JsonNode test : TESTS.values()) {
            if (test.get("fullName") != null && test.get("fullName").asText().contains("FailingGateFixture")) {
                failed = test;
            }
        }
        assertNotNull(failed, "no Allure result for FailingGateFixture");
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("statusDetails").get("message").asText().contains("< minDice 0.800"));
        JsonNode gate = failed.get("steps").get(3);
        assertEquals("gate: minDice 0.8", gate.get("name").asText());
        assertEquals("failed", gate.get("status").asText());
    }

    private static Map<String, String> parameters(JsonNode test) {
        Map<String, String> parameters = new HashMap<>();
        test.get("parameters").forEach(p -> parameters.put(p.get("name").asText(), p.get("value").asText()));
        return parameters;
    }

    /** The worst samples' panels, then the shared list robustgate:report attaches too, in its order. */
    @Test
    void anInvocationAttachesTheSharedListOfItsResultsAttachments() {
        io.robustgate.evaluation.RobustnessResult result = io.robustgate.results.ResultsFile.readAll(robustgateResults)
                .stream().flatMap(d -> d.results().stream())
                .filter(r -> r.displayName().equals("FGSM eps=1/255")).findFirst().orElseThrow();
        List<String> attached = names(attachments(TESTS.get("fgsmSweep() FGSM eps=1/255")));
        List<String> panels = attached.stream().filter(n -> n.startsWith("worst #")).toList();

        assertFalse(panels.isEmpty(), attached.toString());
        assertEquals(panels, attached.subList(0, panels.size()), "the panels come first");
        assertEquals(io.robustgate.report.ResultAttachmentList.of(result, List.of(), List.of(), null).stream()
                .map(io.robustgate.report.AnalysisAttachments.Attachment::name).toList(),
                attached.subList(panels.size(), attached.size()));
    }

    private static List<JsonNode> attachments(JsonNode test) {
        List<JsonNode> found = new ArrayList<>();
        test.get("attachments").forEach(found::add);
        return found;
    }

    private static List<JsonNode> attachments(JsonNode test, String type) {
        List<JsonNode> found = new ArrayList<>();
        test.get("attachments").forEach(a -> {
            if (type.equals(a.get("type").asText())) {
                found.add(a);
            }
        });
        return found;
    }

    private static List<String> names(List<JsonNode> attachments) {
        return attachments.stream().map(a -> a.get("name").asText()).toList();
    }
}
