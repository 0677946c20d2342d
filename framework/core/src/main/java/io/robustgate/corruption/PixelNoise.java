package io.robustgate.corruption;

/**
 * Gaussian noise, added ({@code x + σ·n}) or, as speckle, multiplied in ({@code x + x·σ·n}: ultrasound's
 * and radar's noise grows with the echo), one standard normal {@code n} per value, then clipped to
 * [0,1] (ImageNet-C's {@code gaussian_noise} and {@code speckle_noise}).
 *
 * @param sigma the noise's standard deviation, in [0,1] pixel units
 * @param speckle whether the noise scales with the pixel
 */
record PixelNoise(double sigma, boolean speckle) implements Corruption {

    @Override
    public ChannelImage apply(ChannelImage image, CounterNoise noise) {
        float[] in = image.values();
        float[] out = new float[in.length];
        for (int j = 0; j < in.length; j++) {
            double n = sigma * noise.normal(j);
            out[j] = ChannelImage.clip(in[j] + (speckle ? in[j] * n : n));
        }
        return image.with(out);
    }
}
