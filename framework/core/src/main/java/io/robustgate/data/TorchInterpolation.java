package io.robustgate.data;

/**
 * Resizing exactly as PyTorch's {@code F.interpolate} does, on channel-last float images:
 * {@code bilinear} with {@code align_corners=False}, without and with {@code antialias}, and
 * legacy {@code nearest}. Written out because DJL's {@code NDImageUtils.resize} on libtorch 2.5
 * returns the antialiased result when downsampling, whichever the training code used.
 */
public final class TorchInterpolation {

    private TorchInterpolation() {}

    /** Half-pixel-centre bilinear: source {@code (dst + 0.5)·in/out − 0.5}, clamped at 0. */
    public static float[] bilinear(float[] hwc, int height, int width, int channels, int outHeight, int outWidth) {
        Axis rows = Axis.linear(height, outHeight);
        Axis cols = Axis.linear(width, outWidth);
        float[] out = new float[outHeight * outWidth * channels];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                for (int c = 0; c < channels; c++) {
                    float top = rows.weight0[y] * (cols.weight0[x] * at(hwc, width, channels, rows.low[y], cols.low[x], c)
                            + cols.weight1[x] * at(hwc, width, channels, rows.low[y], cols.high[x], c));
                    float bottom = rows.weight1[y] * (cols.weight0[x] * at(hwc, width, channels, rows.high[y], cols.low[x], c)
                            + cols.weight1[x] * at(hwc, width, channels, rows.high[y], cols.high[x], c));
                    out[(y * outWidth + x) * channels + c] = top + bottom;
                }
            }
        }
        return out;
    }

    /**
     * {@code F.interpolate(mode="bilinear", align_corners=False, antialias=True)}: PyTorch took
     * Pillow's separable convolution with the tent filter stretched by the reduction factor
     * ({@link ResamplingWeights}), but keeps floats throughout: no 8-bit rounding between or
     * after the passes. Width first, then height, each only when that axis changes size.
     */
    public static float[] bilinearAntialias(float[] hwc, int height, int width, int channels, int outHeight,
            int outWidth) {
        float[] current = hwc;
        int currentWidth = width;
        if (outWidth != width) {
            current = convolve(current, height, width, channels,
                    ResamplingWeights.of(ResamplingFilter.TRIANGLE, width, outWidth), true);
            currentWidth = outWidth;
        }
        if (outHeight != height) {
            current = convolve(current, height, currentWidth, channels,
                    ResamplingWeights.of(ResamplingFilter.TRIANGLE, height, outHeight), false);
        }
        return current == hwc ? hwc.clone() : current;
    }

    private static float[] convolve(float[] in, int height, int width, int channels, ResamplingWeights taps,
            boolean horizontal) {
        int outSize = taps.first().length;
        int outHeight = horizontal ? height : outSize;
        int outWidth = horizontal ? outSize : width;
        int step = horizontal ? channels : width * channels;
        float[] out = new float[outHeight * outWidth * channels];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                int i = horizontal ? x : y;
                int start = horizontal ? (y * width + taps.first()[i]) * channels : (taps.first()[i] * width + x) * channels;
                for (int c = 0; c < channels; c++) {
                    float sum = 0f;
                    for (int k = 0; k < taps.count()[i]; k++) {
                        sum += in[start + k * step + c] * (float) taps.weights()[i * taps.stride() + k];
                    }
                    out[(y * outWidth + x) * channels + c] = sum;
                }
            }
        }
        return out;
    }

    /** PyTorch's legacy {@code nearest}: source {@code floor(dst·in/out)}. */
    public static float[] nearest(float[] hwc, int height, int width, int channels, int outHeight, int outWidth) {
        float rowScale = (float) height / outHeight;
        float colScale = (float) width / outWidth;
        float[] out = new float[outHeight * outWidth * channels];
        for (int y = 0; y < outHeight; y++) {
            int sy = Math.min((int) Math.floor(y * rowScale), height - 1);
            for (int x = 0; x < outWidth; x++) {
                int sx = Math.min((int) Math.floor(x * colScale), width - 1);
                System.arraycopy(hwc, (sy * width + sx) * channels, out, (y * outWidth + x) * channels, channels);
            }
        }
        return out;
    }

    private static float at(float[] hwc, int width, int channels, int y, int x, int c) {
        return hwc[(y * width + x) * channels + c];
    }

    /** The two source indices and weights of every output position along one axis. */
    private record Axis(int[] low, int[] high, float[] weight0, float[] weight1) {

        static Axis linear(int in, int out) {
            float scale = (float) in / out;
            int[] low = new int[out];
            int[] high = new int[out];
            float[] weight0 = new float[out];
            float[] weight1 = new float[out];
            for (int i = 0; i < out; i++) {
                float source = Math.max(scale * (i + 0.5f) - 0.5f, 0f);
                low[i] = (int) source;
                high[i] = low[i] < in - 1 ? low[i] + 1 : low[i];
                weight1[i] = source - low[i];
                weight0[i] = 1f - weight1[i];
            }
            return new Axis(low, high, weight0, weight1);
        }
    }
}
