package io.robustgate.data;

/**
 * A sample at model resolution: pixels {@code [C,H,W]} in [0,1] and a binary mask {@code [H,W]}.
 *
 * @param spacing the pixel size at model resolution (the original's, scaled by the resize); null
 *     when the held-out set gives none
 */
public record PreparedSample(Sample sample, float[] pixels, float[] mask, int channels, int height, int width,
        PixelSpacing spacing) {

    /** A sample whose set gives no pixel spacing. */
    public PreparedSample(Sample sample, float[] pixels, float[] mask, int channels, int height, int width) {
        this(sample, pixels, mask, channels, height, width, null);
    }
}
