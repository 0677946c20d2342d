package io.robustgate.corruption;

/** Washed-out contrast: each channel pulled towards its own mean, {@code clip((x − m)·c + m, 0, 1)} (ImageNet-C's {@code contrast}). */
record Contrast(double factor) implements Corruption {

    @Override
    public ChannelImage apply(ChannelImage image, CounterNoise noise) {
        int plane = image.height() * image.width();
        float[] in = image.values();
        float[] out = new float[in.length];
        for (int c = 0; c < image.channels(); c++) {
            double mean = 0;
            for (int p = 0; p < plane; p++) {
                mean += in[c * plane + p];
            }
            mean /= plane;
            for (int p = 0; p < plane; p++) {
                out[c * plane + p] = ChannelImage.clip((in[c * plane + p] - mean) * factor + mean);
            }
        }
        return image.with(out);
    }
}
