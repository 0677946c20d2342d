package io.robustgate.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HD95 and NSD against {@code python/reference_surface_metrics.py}, written independently from
 * MONAI's definitions ({@code compute_hausdorff_distance(percentile=95)},
 * {@code compute_surface_dice(use_subvoxels=False)}) with scipy's exact distance transform, and
 * Metrics Reloaded's values for empty masks: 46 seeded cases (shapes touching the border, holes,
 * two components, single pixels, anisotropic spacing, tolerances met exactly, all four empty cases).
 */
class SurfaceMetricsReferenceTest {

    private static final Path CASES = Path.of("src/test/resources/surface-metrics/cases.json");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(CASES.toFile())) {
            cases.add(Arguments.of(c.get("name").asText(), c));
        }
        assertTrue(cases.size() >= 40, "reference cases: " + cases.size());
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hd95AndNsdEqualTheReference(String name, JsonNode c) {
        int height = c.get("height").asInt();
        int width = c.get("width").asInt();
        boolean[] predicted = rows(c.get("predicted"), height, width);
        boolean[] truthMask = rows(c.get("truth"), height, width);
        float[] truth = new float[truthMask.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = truthMask[i] ? 1 : 0;
        }
        double sy = c.get("spacing").get(0).asDouble();
        double sx = c.get("spacing").get(1).asDouble();
        MaskPair masks = new MaskPair(predicted, truth, height, width, sy, sx);
        assertEquals(c.get("hd95").asDouble(), new Hd95Metric().compute(masks), 1e-9, name + ": HD95");
        // NSD is a ratio of counts: exact, including distances that equal the tolerance.
        assertEquals(c.get("nsd").asDouble(), new NsdMetric(c.get("tolerance").asDouble()).compute(masks), 1e-12,
                name + ": NSD");
    }

    private static boolean[] rows(JsonNode rows, int height, int width) {
        assertEquals(height, rows.size());
        boolean[] mask = new boolean[height * width];
        for (int y = 0; y < height; y++) {
            String row = rows.get(y).asText();
            assertEquals(width, row.length());
            for (int x = 0; x < width; x++) {
                mask[y * width + x] = row.charAt(x) == '1';
            }
        }
        return mask;
    }
}
