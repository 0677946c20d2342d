package io.robustgate.corruption;

/**
 * A camera or probe moving during the exposure: the image averaged with copies of itself shifted
 * along one direction, {@code out(y,x) = Σᵢ kᵢ·in(y − dyᵢ, x − dxᵢ)} for {@code i = 0 … 2r},
 * {@code kᵢ ∝ exp(−i²/2σ²)} normalised, {@code dyᵢ = −⌈i·sin θ − ½⌉}, {@code dxᵢ = −⌈i·cos θ − ½⌉}, the
 * border repeated. This is the ImageMagick {@code -motion-blur radius×sigma+angle} of ImageNet-C as
 * the {@code imagecorruptions} package re-implements it (Michaelis et al. 2019), except that taps
 * beyond the image are clamped to its border rather than dropped (which darkened small images).
 * The angle {@code θ ~ U(−45°, 45°)} is drawn per sample from uniform 0 of its noise.
 *
 * @param radius the blur's length is {@code 2·radius + 1} taps
 * @param sigma the taps' Gaussian fall-off
 */
record MotionBlur(int radius, double sigma) implements Corruption {

    @Override
    public ChannelImage apply(ChannelImage image, CounterNoise noise) {
        return along(image, -45 + 90 * noise.uniform(0));
    }

    /** The blur at angle {@code degrees}. */
    ChannelImage along(ChannelImage image, double degrees) {
        int taps = 2 * radius + 1;
        double[] weights = new double[taps];
        double sum = 0;
        for (int i = 0; i < taps; i++) {
            weights[i] = Math.exp(-(double) i * i / (2 * sigma * sigma));
            sum += weights[i];
        }
        double theta = Math.toRadians(degrees);
        int h = image.height();
        int w = image.width();
        float[] out = new float[image.values().length];
        double[] acc = new double[out.length];
        for (int i = 0; i < taps; i++) {
            int dy = (int) -Math.ceil(i * Math.sin(theta) - 0.5);
            int dx = (int) -Math.ceil(i * Math.cos(theta) - 0.5);
            double k = weights[i] / sum;
            for (int c = 0; c < image.channels(); c++) {
                for (int y = 0; y < h; y++) {
                    int sy = GaussianBlur.clamp(y - dy, h);
                    for (int x = 0; x < w; x++) {
                        acc[(c * h + y) * w + x] += k * image.at(c, sy, GaussianBlur.clamp(x - dx, w));
                    }
                }
            }
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = ChannelImage.clip(acc[j]);
        }
        return image.with(out);
    }
}
