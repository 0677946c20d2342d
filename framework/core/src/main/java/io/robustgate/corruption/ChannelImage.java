package io.robustgate.corruption;

/**
 * One image as the model receives it before normalisation: {@code [C,H,W]} values in [0,1], channel
 * planes one after another, rows top to bottom. Corruptions read one and return a new one.
 */
public record ChannelImage(float[] values, int channels, int height, int width) {

    public ChannelImage {
        if (values.length != channels * height * width) {
            throw new IllegalArgumentException("an image of " + channels + "×" + height + "×" + width + " needs "
                    + channels * height * width + " values, not " + values.length);
        }
    }

    public float at(int c, int y, int x) {
        return values[(c * height + y) * width + x];
    }

    /** An image of the same shape with other values. */
    public ChannelImage with(float[] changed) {
        return new ChannelImage(changed, channels, height, width);
    }

    static float clip(double value) {
        return (float) Math.min(1, Math.max(0, value));
    }
}
