package io.robustgate.data;

/**
 * The convolution filters of Pillow's {@code Image.resize} (libImaging/Resample.c), which
 * PyTorch's antialiased {@code interpolate} also uses: each a function of the distance in source
 * pixels and the support beyond which it is zero (before scaling by the reduction factor).
 */
public enum ResamplingFilter {

    /** Pillow's {@code BILINEAR}: the tent {@code 1 − |x|} on [−1, 1]. */
    TRIANGLE(1.0) {
        @Override
        public double weight(double x) {
            double d = Math.abs(x);
            return d < 1.0 ? 1.0 - d : 0.0;
        }
    },

    /** Pillow's {@code BICUBIC}: Keys' cubic convolution with {@code a = −0.5} on [−2, 2]. */
    KEYS_CUBIC(2.0) {
        private static final double A = -0.5;

        @Override
        public double weight(double x) {
            double d = Math.abs(x);
            if (d < 1.0) {
                return ((A + 2.0) * d - (A + 3.0)) * d * d + 1;
            }
            if (d < 2.0) {
                return (((d - 5) * d + 8) * d - 4) * A;
            }
            return 0.0;
        }
    },

    /** Pillow's {@code LANCZOS}: {@code sinc(x)·sinc(x/3)} on [−3, 3). */
    LANCZOS3(3.0) {
        @Override
        public double weight(double x) {
            return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
        }
    };

    private final double support;

    ResamplingFilter(double support) {
        this.support = support;
    }

    /** The filter's value at {@code x} source pixels from the sampling centre. */
    public abstract double weight(double x);

    /** Half-width of the filter at scale 1; widened by the reduction factor when downsampling. */
    public double support() {
        return support;
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return Math.sin(px) / px;
    }
}
