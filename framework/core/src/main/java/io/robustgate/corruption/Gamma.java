package io.robustgate.corruption;

/** A display or detector with another transfer curve: {@code x^γ} per value (γ > 1 darkens the mid-tones). */
record Gamma(double gamma) implements Corruption {

    @Override
    public ChannelImage apply(ChannelImage image, CounterNoise noise) {
        float[] in = image.values();
        float[] out = new float[in.length];
        for (int j = 0; j < in.length; j++) {
            out[j] = ChannelImage.clip(Math.pow(Math.max(in[j], 0), gamma));
        }
        return image.with(out);
    }
}
