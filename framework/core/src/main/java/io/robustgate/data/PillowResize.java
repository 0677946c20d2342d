package io.robustgate.data;

/**
 * Pillow's {@code Image.resize} on 8-bit images, written from its definition in
 * libImaging/Resample.c and Geometry.c so that the result is byte-identical: what a PIL,
 * torchvision or Hugging Face image-processor pipeline feeds its model.
 *
 * <p>Convolution filters run as two separable passes, horizontal first, each only when that
 * axis changes size. Each pass uses the taps of {@link ResamplingWeights} in fixed point
 * ({@value #PRECISION_BITS} fractional bits, coefficients rounded half away from zero),
 * accumulates from half a unit so that the final shift rounds, and clips to 0..255: the
 * intermediate image is rounded to 8 bits too, as Pillow stores it. {@code NEAREST} is
 * Pillow's scaling transform: the pixel under each output pixel's centre.
 */
public final class PillowResize {

    /** 32 bits minus 8 for the value minus 2 for filters whose coefficients overshoot 1. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowResize() {}

    /**
     * Resizes channel-last 8-bit samples (values 0..255) with a convolution filter.
     *
     * @return the resized samples, channel-last, values 0..255
     */
    public static int[] resample(int[] hwc, int height, int width, int channels, int outHeight, int outWidth,
            ResamplingFilter filter) {
        int[] current = hwc;
        int currentWidth = width;
        if (outWidth != width) {
            current = pass(current, height, width, channels, outWidth, ResamplingWeights.of(filter, width, outWidth), true);
            currentWidth = outWidth;
        }
        if (outHeight != height) {
            current = pass(current, height, currentWidth, channels, outHeight,
                    ResamplingWeights.of(filter, height, outHeight), false);
        }
        return current == hwc ? hwc.clone() : current;
    }

    /** One axis: along rows ({@code horizontal}) or along columns. */
    private static int[] pass(int[] in, int height, int width, int channels, int outSize, ResamplingWeights taps,
            boolean horizontal) {
        int[] fixed = fixedPoint(taps.weights());
        int outHeight = horizontal ? height : outSize;
        int outWidth = horizontal ? outSize : width;
        int[] out = new int[outHeight * outWidth * channels];
        int step = horizontal ? channels : width * channels;
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                int i = horizontal ? x : y;
                int start = horizontal
                        ? (y * width + taps.first()[i]) * channels
                        : (taps.first()[i] * width + x) * channels;
                for (int c = 0; c < channels; c++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int k = 0; k < taps.count()[i]; k++) {
                        sum += in[start + k * step + c] * fixed[i * taps.stride() + k];
                    }
                    out[(y * outWidth + x) * channels + c] = clip8(sum);
                }
            }
        }
        return out;
    }

    private static int[] fixedPoint(double[] weights) {
        int[] fixed = new int[weights.length];
        double one = 1 << PRECISION_BITS;
        for (int i = 0; i < weights.length; i++) {
            // C's (int) cast truncates towards zero, so ±0.5 rounds half away from zero
            fixed[i] = weights[i] < 0 ? (int) (-0.5 + weights[i] * one) : (int) (0.5 + weights[i] * one);
        }
        return fixed;
    }

    /** The arithmetic shift floors, which the half unit the sum started from turns into rounding. */
    private static int clip8(int sum) {
        return Math.min(255, Math.max(0, sum >> PRECISION_BITS));
    }

    /**
     * Pillow's {@code NEAREST}: the source of output column {@code x} is
     * {@code floor(in/out·0.5 + x·in/out)}, the pixel under the output pixel's centre. The
     * position is accumulated step by step in double precision as Pillow does, so that rounding
     * on exact multiples matches too. Works on any channel-last values (it only copies).
     */
    public static float[] nearest(float[] hwc, int height, int width, int channels, int outHeight, int outWidth) {
        int[] columns = centres(width, outWidth);
        int[] rows = centres(height, outHeight);
        float[] out = new float[outHeight * outWidth * channels];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                System.arraycopy(hwc, (rows[y] * width + columns[x]) * channels, out, (y * outWidth + x) * channels,
                        channels);
            }
        }
        return out;
    }

    private static int[] centres(int in, int out) {
        double step = (double) in / out;
        double position = step * 0.5;
        int[] source = new int[out];
        for (int i = 0; i < out; i++) {
            source[i] = Math.min((int) position, in - 1);
            position += step;
        }
        return source;
    }
}
