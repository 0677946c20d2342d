package io.robustgate.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OverlapTest {

    @Test
    void diceAndIouOfPartialOverlap() {
        boolean[] predicted = {true, true, true, false, false};
        float[] truth = {0, 1, 1, 1, 0};
        Overlap overlap = Overlap.between(predicted, truth);
        assertEquals(2.0 * 2 / (3 + 3), overlap.dice(), 1e-12);
        assertEquals(2.0 / 4, overlap.iou(), 1e-12);
    }

    @Test
    void bothEmptyIsAPerfectScore() {
        Overlap overlap = Overlap.between(new boolean[4], new float[4]);
        assertEquals(1.0, overlap.dice());
        assertEquals(1.0, overlap.iou());
    }

    @Test
    void emptyPredictionOfAPresentTargetScoresZero() {
        Overlap overlap = Overlap.between(new boolean[3], new float[] {1, 0, 1});
        assertEquals(0.0, overlap.dice());
        assertEquals(0.0, overlap.iou());
    }

    @Test
    void refusesMasksOfDifferentSizes() {
        assertThrows(IllegalArgumentException.class, () -> Overlap.between(new boolean[3], new float[4]));
    }

    @Test
    void perturbationSizeInPixelUnits() {
        float[] clean = {0.5f, 0.5f, 0.5f, 0.5f};
        float[] adversarial = {0.5f + 2 / 255f, 0.5f - 2 / 255f, 0.5f, 0.5f};
        PerturbationSize size = PerturbationSize.between(clean, adversarial);
        assertEquals(2 / 255.0, size.linf(), 1e-6);
        assertEquals(Math.sqrt(2) * 2 / 255.0, size.l2(), 1e-6);
        double mse = 2 * Math.pow(2 / 255.0, 2) / 4;
        assertEquals(10 * Math.log10(1 / mse), size.psnr(), 1e-3);
        assertEquals(Double.POSITIVE_INFINITY, PerturbationSize.between(clean, clean).psnr());
    }
}
