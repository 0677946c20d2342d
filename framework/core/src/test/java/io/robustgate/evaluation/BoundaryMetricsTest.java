package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.DataSetException;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.data.Sample;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.GateViolation;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RobustnessGate;
import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.SegmentationMetrics;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HD95 and NSD as the evaluator records them: every sample carries every registered metric clean
 * and attacked, the result their means and worsening, the gate bounds them by name, and a pixel
 * spacing in the annotation turns pixels into millimetres.
 */
class BoundaryMetricsTest {

    private static final AttackSpec FGSM = AttackSpec.fgsm(8 / 255f);

    private static ModelBundle bundle;
    private static RobustnessResult inPixels;

    @BeforeAll
    static void evaluate() {
        bundle = GoldenFixture.loadBundle();
        inPixels = GoldenFixture.quietEvaluator(bundle, 4).evaluate(FGSM);
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    @Test
    void everySampleAndTheResultCarryEveryRegisteredMetric() {
        for (SegmentationMetric metric : SegmentationMetrics.all()) {
            for (SampleResult sample : inPixels.samples()) {
                assertTrue(sample.figure(metric, false).isPresent() && sample.figure(metric, true).isPresent(),
                        sample.imageName() + " lacks " + metric.label());
            }
            for (String field : List.of(metric.cleanField(), metric.attackedField(), metric.worseningField())) {
                assertTrue(inPixels.figure(field).isPresent(), "result lacks " + field);
            }
            double meanWorsening = inPixels.samples().stream()
                    .mapToDouble(s -> metric.worsening(s.figure(metric, false).get(), s.figure(metric, true).get()))
                    .average().orElseThrow();
            assertEquals(meanWorsening, inPixels.figure(metric.worseningField()).get().mean(), 1e-9, metric.label());
        }
        assertEquals("px", inPixels.distanceUnit());
        // FGSM at 8/255 breaks the fixture's predictions: boundaries move away on average.
        assertTrue(inPixels.figure("hd95Increase").get().mean() > 0, "HD95 rises under attack");
        assertTrue(inPixels.figure("nsdDrop").get().mean() > 0, "NSD falls under attack");
    }

    @Test
    void aGateOnHd95AndOnNsdNamesItsLimit() {
        double hd95 = inPixels.figure("adversarialHd95").get().mean();
        double nsd = inPixels.figure("adversarialNsd").get().mean();
        GateMetric hd95Metric = GateMetric.valueOf("HD95");
        GateMetric nsdMetric = GateMetric.valueOf("NSD");
        List<GateViolation> violations = new RobustnessGate(List.of(Limit.maximum(hd95Metric, hd95 / 2),
                Limit.minimum(nsdMetric, Math.min(1, nsd + 0.05))), GateStatistic.MEAN).check(inPixels);
        assertEquals(2, violations.size(), violations.toString());
        assertTrue(violations.get(0).message().contains("HD95") && violations.get(0).message().contains("> maxHd95"),
                violations.get(0).message());
        assertTrue(violations.get(0).message().contains("increase"), violations.get(0).message());
        assertTrue(violations.get(1).message().contains("NSD") && violations.get(1).message().contains("< minNsd"),
                violations.get(1).message());
        assertTrue(new RobustnessGate(List.of(Limit.maximum(hd95Metric, hd95 + 1)), GateStatistic.MEAN).check(inPixels)
                .isEmpty());
        assertTrue(hd95Metric.limitProblem(-1).isPresent() && hd95Metric.limitProblem(1e6).isEmpty(),
                "HD95 limits are distances: at least 0, no upper end");
    }

    @Test
    void aPixelSpacingInTheAnnotationGivesMillimetresScaledByTheResize(@TempDir Path root) throws IOException {
        double spacing = 0.25;
        Path set = copyWithSpacing(root, spacing, false);
        RobustnessResult inMillimetres = new RobustnessEvaluator(bundle, HeldOutSet.load(set, "test", PromptChoice.DEFAULT),
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(4)).evaluate(FGSM);
        assertEquals("mm", inMillimetres.distanceUnit());
        Sample first = GoldenFixture.heldOutSet().samples().get(0);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(first.imageFile().toFile());
        int modelHeight = bundle.manifest().image().height();
        int modelWidth = bundle.manifest().image().width();
        double scale = spacing * image.getHeight() / modelHeight;
        assertEquals((double) image.getHeight() / modelHeight, (double) image.getWidth() / modelWidth, 1e-12,
                "the fixture scales both axes alike, so HD95 scales by one factor");
        for (int i = 0; i < inPixels.samples().size(); i++) {
            SampleResult px = inPixels.samples().get(i);
            SampleResult mm = inMillimetres.samples().get(i);
            assertEquals(px.figure(SegmentationMetrics.all().get(2), true).get() * scale,
                    mm.figure(SegmentationMetrics.all().get(2), true).get(), 1e-9, px.imageName() + ": HD95 in mm");
            assertEquals(px.adversarialDice(), mm.adversarialDice(), 0.0, "Dice does not depend on the spacing");
        }
    }

    @Test
    void aSpacingForSomeImagesOnlyIsRefusedNamingTheFile(@TempDir Path root) throws IOException {
        Path set = copyWithSpacing(root, 0.1, true);
        DataSetException error = assertThrows(DataSetException.class, () -> HeldOutSet.load(set, "test", PromptChoice.DEFAULT));
        assertTrue(error.getMessage().contains("test.json") && error.getMessage().contains("pixel_spacing_mm"),
                error.getMessage());
    }

    /** The golden held-out set with {@code "pixel_spacing_mm"} on every entry (or all but the last). */
    private static Path copyWithSpacing(Path root, double spacing, boolean skipLast) throws IOException {
        Path set = root.resolve("heldout");
        try (Stream<Path> files = Files.walk(GoldenFixture.HELD_OUT)) {
            for (Path file : files.toList()) {
                Path target = set.resolve(GoldenFixture.HELD_OUT.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        Path annotations = set.resolve("anns/test.json");
        ArrayNode entries = (ArrayNode) json.readTree(annotations.toFile());
        for (int i = 0; i < entries.size() - (skipLast ? 1 : 0); i++) {
            ((ObjectNode) entries.get(i)).put("pixel_spacing_mm", spacing);
        }
        json.writeValue(annotations.toFile(), entries);
        return set;
    }
}
