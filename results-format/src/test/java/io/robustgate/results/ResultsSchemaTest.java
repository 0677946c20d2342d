package io.robustgate.results;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.Results;
import io.robustgate.evaluation.sequential.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results file with impossible numbers, an unknown schema or a missing field is refused, naming the file and the field. */
class ResultsSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A file as RobustGate writes it (three samples, the first with infinite PSNR), changed by {@code edit}. */
    private Path written(Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("evaluate.json");
        ResultsFile.write(file, ResultsDocument.of("maven:evaluate", List.of(
                Results.of(AttackSpec.pgd(2 / 255f), new double[] {0.9, 0.8, 0.7}, new double[] {0.5, 0.6, 0.1}))));
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        Files.writeString(file, JSON.writeValueAsString(root));
        return file;
    }

    private static ObjectNode result(ObjectNode root) {
        return (ObjectNode) root.get("results").get(0);
    }

    private static ObjectNode sample(ObjectNode root, int index) {
        return (ObjectNode) result(root).get("samples").get(index);
    }

    private String refusal(Consumer<ObjectNode> edit) throws IOException {
        Path file = written(edit);
        ResultsFileException e = assertThrows(ResultsFileException.class, () -> ResultsFile.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    /** A sequential record for the written result's 3 samples: stopped after 3 of 10 images on a missed minDice 0.80. */
    private static void stoppedEarly(ObjectNode root) {
        ObjectNode record = result(root).putObject("sequential");
        record.put("imagesAttacked", 3).put("imagesTotal", 10).put("alpha", 0.05).put("alphaSplit", "bonferroni")
                .put("exhausted", false);
        record.putArray("limits").addObject().put("name", "minDice").put("label", "Dice").put("side", "MINIMUM")
                .put("limit", 0.8).put("sequence", "WITHOUT_REPLACEMENT").put("alpha", 0.05).put("decision", "MISSED")
                .put("exact", false).put("decidedAfter", 3).put("lower", 0.1).put("upper", 0.7).put("mean", 0.4);
        record.putArray("batches");
    }

    private static ObjectNode sequentialLimit(ObjectNode root) {
        return (ObjectNode) result(root).get("sequential").get("limits").get(0);
    }

    @Test
    void aSequentialRecordAsTheEvaluatorWritesItIsRead() throws IOException {
        ResultsDocument document = ResultsFile.read(written(ResultsSchemaTest::stoppedEarly));
        var record = document.results().get(0).sequentialRecord().orElseThrow();
        assertEquals(3, record.imagesAttacked());
        assertEquals(Decision.MISSED, record.limits().get(0).decision());
    }

    @Test
    void aHandEditedSequentialDecisionIsRefused() throws IOException {
        // The bounds 0.10–0.70 lie below minDice 0.80: MET cannot follow from them, so an edit cannot pass a gate.
        assertEquals("results[0].sequential.limits[0].decision MET does not follow from the bounds 0.1–0.7 and the"
                + " minimum 0.8", refusal(root -> {
                    stoppedEarly(root);
                    sequentialLimit(root).put("decision", "MET");
                }));
        assertTrue(refusal(root -> {
            stoppedEarly(root);
            sequentialLimit(root).put("decision", "UNDECIDED");
        }).startsWith("results[0].sequential.limits[0].decision UNDECIDED does not follow from the bounds"));
    }

    @Test
    void aSequentialRecordMustCountTheResultsImagesAndStopOnlyWhenAllowed() throws IOException {
        assertEquals("results[0].sequential.imagesAttacked is 2, but the result's figures count n = 3: they must be the"
                + " figures of the images attacked", refusal(root -> {
                    stoppedEarly(root);
                    ((ObjectNode) result(root).get("sequential")).put("imagesAttacked", 2);
                }));
        assertEquals("results[0].sequential.exhausted is true, but 3 of 10 images were attacked", refusal(root -> {
            stoppedEarly(root);
            ((ObjectNode) result(root).get("sequential")).put("exhausted", true);
        }));
        assertEquals("results[0].sequential stopped after 3 of 10 images with a limit undecided and none missed: a"
                + " sequential evaluation stops only once its limits are decided", refusal(root -> {
                    stoppedEarly(root);
                    sequentialLimit(root).put("decision", "UNDECIDED").put("upper", 0.9);
                }));
    }

    @Test
    void aFileAsRobustGateWritesItIsAccepted() throws IOException {
        Path file = written(root -> {});
        ResultsDocument document = assertDoesNotThrow(() -> ResultsFile.read(file));
        assertEquals(Double.POSITIVE_INFINITY, document.results().get(0).samples().get(0).psnr());
    }

    @Test
    void aMeanDiceAboveOneIsRefused() throws IOException {
        assertEquals("results[0].adversarialDice.mean is 7.5, but a Dice lies in [0,1]",
                refusal(root -> ((ObjectNode) result(root).get("adversarialDice")).put("mean", 7.5)));
    }

    @Test
    void anUnknownSchemaVersionIsRefused() throws IOException {
        String message = refusal(root -> root.put("schemaVersion", 99));
        assertTrue(message.startsWith("schemaVersion 99 is not one this RobustGate reads (1 to "
                + ResultsDocument.SCHEMA_VERSION + ")"), message);
        assertTrue(refusal(root -> root.remove("schemaVersion")).startsWith("schemaVersion is missing"));
    }

    @Test
    void aResultWithoutAdversarialDiceIsRefusedNotANullPointer() throws IOException {
        assertTrue(refusal(root -> result(root).remove("adversarialDice"))
                .startsWith("results[0].adversarialDice is missing: every result needs"));
    }

    @Test
    void dropsMayBeNegativeButNotBelowMinusOne() throws IOException {
        assertDoesNotThrow(() -> ResultsFile.read(written(root -> ((ObjectNode) result(root).get("diceDrop"))
                .put("mean", -0.2).put("ciLow", -0.5))));
        assertEquals("results[0].iouDrop.ciLow is -1.5, but an IoU drop (clean − attacked IoU) lies in [-1,1]",
                refusal(root -> ((ObjectNode) result(root).get("iouDrop")).put("ciLow", -1.5)));
    }

    @Test
    void countsMustAgree() throws IOException {
        assertEquals("results[0].adversarialIou.n is 4, but results[0].cleanDice.n is 3: every figure of a result"
                + " counts the same samples", refusal(root -> ((ObjectNode) result(root).get("adversarialIou")).put("n", 4)));
        assertEquals("results[0].samples lists 4 samples, but its figures count n = 3",
                refusal(root -> ((ArrayNode) result(root).get("samples")).add(sample(root, 0).deepCopy())));
        assertTrue(refusal(root -> ((ObjectNode) result(root).get("cleanDice")).put("n", -1))
                .startsWith("results[0].cleanDice.n is -1"));
    }

    @Test
    void swappedIntervalEndsAreRefused() throws IOException {
        String message = refusal(root -> ((ObjectNode) result(root).get("cleanDice")).put("ciLow", 0.95).put("ciHigh", 0.6));
        assertTrue(message.startsWith("results[0].cleanDice.ciLow 0.95 is above ciHigh 0.6"), message);
    }

    @Test
    void perSampleScoresLieInTheUnitIntervalAndAreNeverNaN() throws IOException {
        assertEquals("results[0].samples[1].cleanIou is 1.2, but an IoU lies in [0,1]",
                refusal(root -> sample(root, 1).put("cleanIou", 1.2)));
        assertEquals("results[0].samples[2].adversarialDice is NaN, but a Dice lies in [0,1]",
                refusal(root -> sample(root, 2).put("adversarialDice", "NaN")));
        assertEquals("results[0].samples[0].adversarialIou is missing",
                refusal(root -> sample(root, 0).remove("adversarialIou")));
        assertEquals("results[0].samples[0].cleanDice is \"high\", which is not a number",
                refusal(root -> sample(root, 0).put("cleanDice", "high")));
        assertEquals("results[0].samples[1].gradientPasses is -3, but a count of passes is a whole number ≥ 0",
                refusal(root -> sample(root, 1).put("gradientPasses", -3)));
    }

    @Test
    void perturbationSizesAreNotNegative() throws IOException {
        assertTrue(refusal(root -> sample(root, 1).put("linf", -0.01))
                .startsWith("results[0].samples[1].linf is -0.01, but the size of a perturbation"));
        assertTrue(refusal(root -> sample(root, 1).put("l2", "NaN")).startsWith("results[0].samples[1].l2 is NaN"));
        assertTrue(refusal(root -> sample(root, 1).put("psnr", -3.0)).startsWith("results[0].samples[1].psnr is -3.0"));
        assertTrue(refusal(root -> result(root).put("maxLinf", -1)).startsWith("results[0].maxLinf is -1"));
    }

    @Test
    void nanIsAcceptedOnlyInASummaryOverNoSamples() throws IOException {
        assertEquals("results[0].cleanDice.mean is NaN, but a Dice lies in [0,1]",
                refusal(root -> ((ObjectNode) result(root).get("cleanDice")).put("mean", "NaN")));
        Path empty = written(root -> {
            ObjectNode result = result(root);
            result.putArray("samples");
            for (String field : List.of("cleanDice", "cleanIou", "adversarialDice", "adversarialIou", "diceDrop", "iouDrop")) {
                result.putObject(field).put("mean", "NaN").put("std", "NaN").put("ciLow", "NaN").put("ciHigh", "NaN").put("n", 0);
            }
            result.put("meanPsnr", "NaN");
        });
        assertEquals(0, ResultsFile.read(empty).results().get(0).adversarialDice().n());
    }

    @Test
    void gatedAnalysisFiguresAreInRange() throws IOException {
        assertTrue(refusal(root -> result(root).putObject("analyses").putObject("curve").put("area", 1.7))
                .startsWith("results[0].analyses.curve.area is 1.7"));
    }

    @Test
    void theAttackIsRequired() throws IOException {
        assertTrue(refusal(root -> result(root).remove("attack")).startsWith("results[0].attack is missing"));
        assertTrue(refusal(root -> ((ObjectNode) result(root).get("attack")).put("eps", -0.1))
                .startsWith("results[0].attack.eps is -0.1"));
    }

    @Test
    void theShardMergeReadsThroughTheSameCheck() throws IOException {
        Path file = written(root -> ((ObjectNode) result(root).get("diceDrop")).put("mean", 3.0));
        ResultsFileException e = assertThrows(ResultsFileException.class, () -> ResultsFile.readAll(dir));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("results[0].diceDrop.mean is 3.0"), e.getMessage());
    }

    @Test
    void notJsonIsNamedAsSuch() throws IOException {
        Path file = dir.resolve("notes.json");
        Files.writeString(file, "{\"results\": [");
        ResultsFileException e = assertThrows(ResultsFileException.class, () -> ResultsFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a RobustGate results file"), e.getMessage());
        JsonNode array = JSON.readTree("[]");
        Files.writeString(file, array.toString());
        assertTrue(assertThrows(ResultsFileException.class, () -> ResultsFile.read(file)).getMessage()
                .contains("expected a JSON object"));
    }
}
