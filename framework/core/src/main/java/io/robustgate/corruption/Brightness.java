package io.robustgate.corruption;

/**
 * Over-exposure: ImageNet-C's {@code brightness} adds {@code c} to the HSV value {@code V = max over
 * channels} and clips it to 1, hue and saturation kept, which scales every channel of the pixel by
 * {@code min(V + c, 1)/V} (a black pixel, of undefined hue, becomes grey {@code c}). On a grey image
 * this is {@code min(x + c, 1)}.
 */
record Brightness(double shift) implements Corruption {

    @Override
    public ChannelImage apply(ChannelImage image, CounterNoise noise) {
        int plane = image.height() * image.width();
        float[] in = image.values();
        float[] out = new float[in.length];
        for (int p = 0; p < plane; p++) {
            double value = 0;
            for (int c = 0; c < image.channels(); c++) {
                value = Math.max(value, in[c * plane + p]);
            }
            double brighter = Math.min(value + shift, 1);
            for (int c = 0; c < image.channels(); c++) {
                out[c * plane + p] = ChannelImage.clip(value > 0 ? in[c * plane + p] * brighter / value : brighter);
            }
        }
        return image.with(out);
    }
}
