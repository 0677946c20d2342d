package io.robustgate.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected values were printed by PyTorch 1.13 for a 3x5 ramp {@code arange(15)/14}:
 * {@code F.interpolate(x, size, mode="bilinear", align_corners=False)} and {@code mode="nearest"}.
 */
class TorchInterpolationTest {

    private static float[] ramp() {
        float[] values = new float[15];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 14f;
        }
        return values;
    }

    @Test
    void bilinearDownsamplingMatchesPyTorchWithoutAntialias() {
        assertArrayEquals(new float[] {0.098214291f, 0.1875f, 0.27678573f, 0.36607143f, 0.6339286f, 0.72321427f, 0.8125f,
                0.90178573f}, TorchInterpolation.bilinear(ramp(), 3, 5, 1, 2, 4), 1e-6f);
    }

    @Test
    void bilinearUpsamplingClampsAtTheBorderLikePyTorch() {
        float[] out = TorchInterpolation.bilinear(ramp(), 3, 5, 1, 5, 7);
        float[] firstTen = new float[10];
        System.arraycopy(out, 0, firstTen, 0, 10);
        assertArrayEquals(new float[] {0f, 0.04081633f, 0.09183674f, 0.14285715f, 0.19387756f, 0.24489798f, 0.2857143f,
                0.14285716f, 0.18367349f, 0.2346939f}, firstTen, 1e-6f);
    }

    @Test
    void nearestMatchesPyTorchLegacyNearest() {
        assertArrayEquals(new float[] {0f, 0.071428575f, 0.21428572f, 0.35714287f, 0.42857143f, 0.5714286f},
                TorchInterpolation.nearest(ramp(), 3, 5, 1, 2, 3), 1e-7f);
        float[] up = TorchInterpolation.nearest(ramp(), 3, 5, 1, 5, 8);
        float[] firstRow = new float[8];
        System.arraycopy(up, 0, firstRow, 0, 8);
        assertArrayEquals(new float[] {0f, 0f, 0.071428575f, 0.071428575f, 0.14285715f, 0.21428572f, 0.21428572f, 0.2857143f},
                firstRow, 1e-7f);
    }

    @Test
    void channelsAreInterpolatedIndependently() {
        float[] twoChannels = new float[30];
        for (int i = 0; i < 15; i++) {
            twoChannels[2 * i] = i / 14f;
            twoChannels[2 * i + 1] = 1 - i / 14f;
        }
        float[] out = TorchInterpolation.bilinear(twoChannels, 3, 5, 2, 2, 4);
        float[] single = TorchInterpolation.bilinear(ramp(), 3, 5, 1, 2, 4);
        for (int i = 0; i < single.length; i++) {
            assertArrayEquals(new float[] {single[i], 1 - single[i]}, new float[] {out[2 * i], out[2 * i + 1]}, 1e-6f);
        }
    }
}
