package io.robustgate.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.robustgate.junit.fixtures.AnalysesFixture;
import io.robustgate.report.CriticalBudgetHistogram;
import io.robustgate.report.RobustnessCurve;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyses' tables and pictures reach the Allure results of the invocation that measured them. */
class AnalysisAttachmentsTest {

    @TempDir
    Path allureResults;

    @TempDir
    Path robustgateResults;

    @Test
    void promptTableHistogramAndCurveAreAttached() throws IOException {
        List<JsonNode> results = AllureFixtureRun.run(allureResults, robustgateResults, AnalysesFixture.class);
        assertEquals(1, results.size());
        JsonNode test = results.get(0);
        Map<String, JsonNode> attachments = new HashMap<>();
        test.get("attachments").forEach(a -> attachments.put(a.get("name").asText(), a));

        // Tables are HTML, which Allure shows inline, not Markdown, which it only offers as a download.
        JsonNode promptTable = attachments.get("prompts × Dice (largest spread first)");
        assertEquals("text/html", promptTable.get("type").asText());
        String prompts = Files.readString(allureResults.resolve(promptTable.get("source").asText()));
        assertTrue(prompts.contains("<p>Over 6 images: worst-prompt Dice "), prompts);
        assertTrue(prompts.contains("<th>image</th>"), prompts);
        assertTrue(prompts.contains(">p2[1]</th>"), prompts);
        assertTrue(prompts.contains("<td>005_HC.png</td>"), prompts);
        JsonNode criticalTable = attachments.get("critical eps");
        assertEquals("text/html", criticalTable.get("type").asText());
        assertTrue(Files.readString(allureResults.resolve(criticalTable.get("source").asText()))
                .contains("Dice &lt; 0.50 × clean"));
        BufferedImage histogram = ImageIO.read(allureResults.resolve(
                attachments.get("critical eps histogram").get("source").asText()).toFile());
        assertEquals(CriticalBudgetHistogram.WIDTH, histogram.getWidth());
        JsonNode curve = attachments.entrySet().stream().filter(e -> e.getKey().startsWith("Dice against eps: "))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        assertNotNull(curve, attachments.keySet().toString());
        assertTrue(curve.get("name").asText().contains("(area 0."), curve.get("name").asText());
        assertEquals(RobustnessCurve.HEIGHT, ImageIO.read(allureResults.resolve(curve.get("source").asText()).toFile())
                .getHeight());
        Map<String, String> parameters = new HashMap<>();
        test.get("parameters").forEach(p -> parameters.put(p.get("name").asText(), p.get("value").asText()));
        assertTrue(parameters.get("analyses").contains("median critical eps"), parameters.toString());
    }
}
