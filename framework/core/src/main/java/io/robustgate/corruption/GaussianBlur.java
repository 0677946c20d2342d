package io.robustgate.corruption;

/**
 * Defocus as a Gaussian blur of standard deviation {@code sigma} pixels on each channel: the
 * separable kernel {@code exp(−i²/2σ²)} for {@code |i| ≤ ⌊4σ + 0.5⌋}, normalised, the border
 * repeated (what ImageNet-C's {@code skimage.filters.gaussian} does through
 * {@code scipy.ndimage.gaussian_filter}: truncate 4, mode {@code nearest}).
 */
record GaussianBlur(double sigma) implements Corruption {

    @Override
    public ChannelImage apply(ChannelImage image, CounterNoise noise) {
        int radius = (int) (4 * sigma + 0.5);
        double[] weights = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            weights[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += weights[i + radius];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        int h = image.height();
        int w = image.width();
        float[] out = new float[image.values().length];
        double[] rows = new double[h * w];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0;
                    for (int i = -radius; i <= radius; i++) {
                        v += weights[i + radius] * image.at(c, clamp(y + i, h), x);
                    }
                    rows[y * w + x] = v;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0;
                    for (int i = -radius; i <= radius; i++) {
                        v += weights[i + radius] * rows[y * w + clamp(x + i, w)];
                    }
                    out[(c * h + y) * w + x] = ChannelImage.clip(v);
                }
            }
        }
        return image.with(out);
    }

    static int clamp(int index, int size) {
        return Math.min(size - 1, Math.max(0, index));
    }
}
