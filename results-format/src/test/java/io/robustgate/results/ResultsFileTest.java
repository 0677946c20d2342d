package io.robustgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.Results;
import io.robustgate.evaluation.RobustnessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

    /** The six summaries of a result over no samples, as RobustGate writes them (NaN, n 0). */
    static final String NO_SAMPLE_FIGURES = String.join(", ", java.util.stream.Stream.of("cleanDice", "cleanIou",
            "adversarialDice", "adversarialIou", "diceDrop", "iouDrop").map(field -> "\"" + field
            + "\": {\"mean\": \"NaN\", \"std\": \"NaN\", \"ciLow\": \"NaN\", \"ciHigh\": \"NaN\", \"n\": 0}").toList());

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryFigureIncludingInfinitePsnr() {
        RobustnessResult result = Results.of(AttackSpec.fgsm(4 / 255f), new double[] {0.9, 0.8}, new double[] {0.5, 0.7});
        Path file = dir.resolve("nested/evaluate.json");
        ResultsFile.write(file, ResultsDocument.of("maven:evaluate", List.of(result)));
        ResultsDocument read = ResultsFile.read(file);
        assertEquals(ResultsDocument.SCHEMA_VERSION, read.schemaVersion());
        RobustnessResult back = read.results().get(0);
        assertEquals(result.attack(), back.attack());
        assertEquals(result.adversarialDice(), back.adversarialDice());
        assertEquals(result.samples(), back.samples());
        assertEquals(Double.POSITIVE_INFINITY, back.samples().get(0).psnr());
    }

    @Test
    void fieldNamesAreStable() throws IOException {
        RobustnessResult result = Results.of(AttackSpec.pgd(2 / 255f), new double[] {0.9}, new double[] {0.5});
        Path file = dir.resolve("r.json");
        ResultsFile.write(file, ResultsDocument.of("junit:T#m", List.of(result)));
        String json = Files.readString(file);
        for (String field : List.of("\"schemaVersion\" : 3", "\"source\"", "\"results\"", "\"attack\"", "\"name\" : \"PGD\"",
                "\"options\"", "\"steps\" : 40", "\"randomStart\" : true", "\"loss\" : \"BCE\"", "\"threatModel\" : \"Linf\"",
                "\"label\" : \"PGD steps=40\"", "\"displayName\" : \"PGD eps=2/255 steps=40\"", "\"adversarialDice\"",
                "\"ciLow\"", "\"diceDrop\"", "\"samples\"", "\"imageName\"", "\"alarms\"", "\"timings\"")) {
            assertTrue(json.contains(field), field + " in\n" + json);
        }
    }

    @Test
    void readsVersionOneFilesWithTheirAttackFieldsAsOptions() throws IOException {
        Path file = dir.resolve("v1.json");
        Files.writeString(file, """
                {"schemaVersion": 1, "tool": "robustgate", "source": "maven:evaluate", "results": [{
                  "attack": {"type": "PGD", "eps": 0.007843138, "steps": 10, "alpha": 0.0, "randomStart": false,
                             "seed": 7, "loss": "DICE_BCE", "space": "PIXEL", "keepBest": false,
                             "effectiveAlpha": 0.0019607844, "displayName": "PGD eps=2/255 steps=10"},
                  "model": "m", "samples": [], %s}]}
                """.formatted(NO_SAMPLE_FIGURES));
        AttackSpec read = ResultsFile.read(file).results().get(0).attack();
        assertEquals(AttackSpec.pgd(2 / 255f).withSteps(10).withRandomStart(false).withSeed(7)
                .withLoss(io.robustgate.attack.AttackLoss.DICE_BCE), read);
        assertEquals("PGD eps=2/255 steps=10", read.displayName());
    }

    @Test
    void keepsAnAttackThisClassPathDoesNotKnowAsWritten() throws IOException {
        Path file = dir.resolve("custom.json");
        Files.writeString(file, """
                {"schemaVersion": 2, "results": [{"attack": {"name": "TEAM_NOISE", "eps": 0.01,
                  "options": {"flips": 3}, "label": "TEAM_NOISE flips=3", "threatModel": "Linf"}, "samples": [], %s}]}
                """.formatted(NO_SAMPLE_FIGURES));
        AttackSpec read = ResultsFile.read(file).results().get(0).attack();
        assertEquals("TEAM_NOISE eps=0.01 flips=3", read.displayName());
        assertEquals(3, read.options().get("flips"));
    }

    @Test
    void readAllFindsNestedDocumentsAndNamesABrokenOne() throws IOException {
        RobustnessResult result = Results.of(AttackSpec.fgsm(1 / 255f), new double[] {0.9}, new double[] {0.8});
        ResultsFile.write(dir.resolve("evaluate.json"), ResultsDocument.of("maven:evaluate", List.of(result)));
        ResultsFile.write(dir.resolve("junit/a.json"), ResultsDocument.of("junit:A#a", List.of(result, result)));
        assertEquals(3, ResultsFile.readAll(dir).stream().mapToInt(d -> d.results().size()).sum());
        assertEquals(List.of(), ResultsFile.readAll(dir.resolve("absent")));
        Files.writeString(dir.resolve("junit/broken.json"), "{\"results\": [");
        ResultsFileException e = assertThrows(ResultsFileException.class, () -> ResultsFile.readAll(dir));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }
}
