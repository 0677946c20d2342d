package io.robustgate.data;

/**
 * A sample at model resolution: pixels {@code [C,H,W]} in [0,1] and a binary mask {@code [H,W]}.
 */
public record PreparedSample(Sample sample, float[] pixels, float[] mask, int channels, int height, int width) {}
