package io.robustgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.evaluation.DiceCurve;
import io.robustgate.evaluation.ImagePrompts;
import io.robustgate.evaluation.ResultAnalyses;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.model.ModelManifest;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file formats the documentation shows parse as written there: the README and its pages under
 * {@code docs/} (the results file in results-json.md, the model manifest in model-bundle.md).
 */
public class ReadmeExamplesTest {

    private static List<String> jsonBlocks() throws IOException {
        return DocumentationBlocks.json();
    }

    @Test
    void resultsExampleParses(@TempDir Path dir) throws IOException {
        String example = jsonBlocks().stream().filter(b -> b.contains("\"schemaVersion\"")).findFirst().orElseThrow();
        Path file = dir.resolve("results.json");
        Files.writeString(file, example);
        ResultsDocument document = ResultsFile.read(file);
        assertEquals(ResultsDocument.SCHEMA_VERSION, document.schemaVersion());
        RobustnessResult result = document.results().get(0);
        assertEquals("PGD eps=2/255 steps=40", result.displayName());
        assertEquals(0.2519, result.adversarialDice().mean(), 1e-9);
        assertEquals(48, result.cleanDice().n());
        assertEquals("005_HC.png", result.samples().get(0).imageName());
        assertTrue(result.attack().effectiveAlpha() > 0);
        assertEquals(List.of(io.robustgate.gate.Limit.minimum(io.robustgate.gate.GateMetric.DICE, 0.2)),
                document.gate().limits(), "the annotation's gate reads back");
    }

    @Test
    void analysesExampleParses() throws IOException {
        String example = jsonBlocks().stream().filter(b -> b.contains("\"analyses\"")).findFirst().orElseThrow();
        ResultAnalyses analyses = new ObjectMapper().treeToValue(new ObjectMapper().readTree(example).get("analyses"),
                ResultAnalyses.class);
        ImagePrompts image = analyses.prompts().images().get(0);
        assertEquals("p2[0]", image.worstPrompt());
        assertEquals(image.prompts().size(), image.transfer().size());
        assertEquals(image.prompts().stream().mapToDouble(p -> p.adversarialDice()).min().orElseThrow(), image.worstDice(), 1e-9);
        assertEquals(0.5, analyses.criticalBudget().threshold().value());
        assertTrue(analyses.criticalBudget().threshold().relative());
        assertEquals(DiceCurve.area(analyses.curve().points()), analyses.curve().area(), 1e-3,
                "the example's area is its points' normalised trapezoid");
    }

    @Test
    void modelManifestExampleParses(@TempDir Path dir) throws IOException {
        String manifest = jsonBlocks().stream().filter(b -> b.contains("\"format\": \"torchscript\"")).findFirst().orElseThrow();
        Path file = dir.resolve(ModelManifest.FILE_NAME);
        Files.writeString(file, manifest);
        ModelManifest parsed = ModelManifest.read(file);
        assertEquals("kvasir-clipseg", parsed.name());
        assertEquals(352, parsed.image().width());
        assertTrue(parsed.text().padsToContext());
    }
}
