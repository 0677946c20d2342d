package io.robustgate.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.robustgate.configuration.LimitOptions;
import io.robustgate.configuration.OptionMap;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.Limit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figures of the targeted threats on hand-made masks: predicted area, vanished (1% of a
 * non-empty clean prediction; an empty clean prediction never "vanishes"), false-positive area
 * created away from the mask's 5-pixel dilation; and their gate and limit names, which every
 * front-end takes from the registry.
 */
class TargetedThreatMetricsTest {

    private static final int H = 20;
    private static final int W = 20;
    private static final SegmentationMetric AREA = SegmentationMetrics.byKey("PredictedArea").orElseThrow();
    private static final SegmentationMetric VANISHED = SegmentationMetrics.byKey("Vanished").orElseThrow();
    private static final SegmentationMetric FALSE_POSITIVES = SegmentationMetrics.byKey("FalsePositiveArea").orElseThrow();

    /** The pixels of rows {@code y0…y1−1} and columns {@code x0…x1−1}. */
    private static boolean[] box(int y0, int y1, int x0, int x1) {
        boolean[] mask = new boolean[H * W];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                mask[y * W + x] = true;
            }
        }
        return mask;
    }

    private static float[] truth(boolean[] mask) {
        float[] values = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            values[i] = mask[i] ? 1 : 0;
        }
        return values;
    }

    private static MaskPair attacked(boolean[] predicted, boolean[] clean, boolean[] truth) {
        return MaskPair.inPixels(predicted, truth(truth), H, W).attackedFrom(clean);
    }

    @Test
    void vanishedIsAtMostOnePercentOfANonEmptyCleanPrediction() {
        boolean[] lesion = box(0, 10, 0, 10); // 100 pixels
        boolean[] onePixel = box(0, 1, 0, 1);
        boolean[] twoPixels = box(0, 1, 0, 2);
        boolean[] empty = new boolean[H * W];
        assertEquals(0.25, AREA.compute(MaskPair.inPixels(lesion, truth(lesion), H, W)), 1e-12);
        assertEquals(1, VANISHED.compute(attacked(onePixel, lesion, lesion)), "1 of 100 pixels left: vanished");
        assertEquals(0, VANISHED.compute(attacked(twoPixels, lesion, lesion)), "2 of 100 left: not vanished");
        assertEquals(1, VANISHED.compute(attacked(empty, lesion, lesion)));
        assertEquals(0, VANISHED.compute(attacked(empty, empty, lesion)), "nothing was predicted clean: nothing vanished");
        assertEquals(0, VANISHED.compute(MaskPair.inPixels(empty, truth(lesion), H, W)), "a clean figure is 0");
    }

    @Test
    void falsePositiveAreaCountsOnlyWhatLiesAwayFromTheMaskAndWasNotThereClean() {
        boolean[] lesion = box(0, 4, 0, 4);
        boolean[] grownEdge = box(0, 9, 0, 9); // within 5 px of the lesion, except the far corner
        boolean[] far = box(15, 20, 15, 20); // 25 pixels, all far from the lesion
        assertEquals(0, FALSE_POSITIVES.compute(attacked(lesion, lesion, lesion)), 1e-12);
        assertEquals(25.0 / (H * W), FALSE_POSITIVES.compute(attacked(union(lesion, far), lesion, lesion)), 1e-12);
        assertEquals(-25.0 / (H * W), FALSE_POSITIVES.compute(attacked(lesion, union(lesion, far), lesion)), 1e-12,
                "false positives the attack removed count negative");
        // (8,8) lies sqrt(5²+5²) > 5 from the lesion's corner pixel (3,3); (8,3) lies exactly 5 away, inside the dilation
        assertEquals(count(grownEdge, lesion) / (double) (H * W), FALSE_POSITIVES.compute(attacked(grownEdge, lesion, lesion)),
                1e-12);
    }

    /** Pixels of {@code predicted} farther than 5 from every pixel of {@code lesion}, counted directly. */
    private static int count(boolean[] predicted, boolean[] lesion) {
        int far = 0;
        for (int i = 0; i < predicted.length; i++) {
            boolean near = false;
            for (int j = 0; j < lesion.length && !near; j++) {
                if (lesion[j]) {
                    int dy = i / W - j / W;
                    int dx = i % W - j % W;
                    near = dy * dy + dx * dx <= 25;
                }
            }
            far += predicted[i] && !near ? 1 : 0;
        }
        return far;
    }

    private static boolean[] union(boolean[] a, boolean[] b) {
        boolean[] both = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            both[i] = a[i] || b[i];
        }
        return both;
    }

    @Test
    void gateAndLimitNamesComeFromTheRegistry() {
        assertEquals("maxVanishedFraction", GateMetric.valueOf("VANISHED_FRACTION").limitName(false));
        assertEquals("maxFalsePositiveArea", GateMetric.valueOf("FALSE_POSITIVE_AREA").limitName(false));
        assertEquals("maxPredictedAreaDrop", GateMetric.valueOf("PREDICTED_AREA_DROP").limitName(false));
        assertThrows(IllegalArgumentException.class, () -> GateMetric.valueOf("VANISHED_FRACTION_INCREASE"),
                "a figure measured against the clean prediction has no separate worsening");
        List<Limit> limits = LimitOptions.named(OptionMap.path("rule").put("maxVanishedFraction", "0.05")
                .put("maxFalsePositiveArea", "0.01"));
        assertEquals(GateMetric.valueOf("VANISHED_FRACTION"), limits.get(0).metric());
        assertEquals(0.05, limits.get(0).maximum(), 1e-12);
        assertEquals(GateMetric.valueOf("FALSE_POSITIVE_AREA"), limits.get(1).metric());
        assertFalse(GateMetric.valueOf("VANISHED_FRACTION").limitProblem(1.5).isEmpty(), "a share above 1 is refused");
    }
}
