package io.robustgate.metric;

/**
 * A predicted and a true mask of one sample at the model's resolution, row-major {@code [H,W]},
 * with the size of a pixel: {@code spacingY × spacingX} in millimetres when the held-out set
 * gives it, 1 × 1 in pixels otherwise (distances are then in pixels).
 *
 * @param truth 0/1 values (above 0.5 is foreground)
 */
public record MaskPair(boolean[] predicted, float[] truth, int height, int width, double spacingY, double spacingX) {

    public MaskPair {
        if (predicted.length != truth.length || predicted.length != height * width) {
            throw new IllegalArgumentException("masks differ in size: " + predicted.length + " vs " + truth.length
                    + " pixels for " + height + "×" + width);
        }
        if (!(spacingY > 0) || !(spacingX > 0) || Double.isInfinite(spacingY) || Double.isInfinite(spacingX)) {
            throw new IllegalArgumentException("pixel spacing must be positive and finite, was " + spacingY + " × " + spacingX);
        }
    }

    /** Masks whose distances are in pixels. */
    public static MaskPair inPixels(boolean[] predicted, float[] truth, int height, int width) {
        return new MaskPair(predicted, truth, height, width, 1, 1);
    }

    /** The true mask as booleans. */
    public boolean[] truthMask() {
        boolean[] mask = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            mask[i] = truth[i] > 0.5f;
        }
        return mask;
    }

    /** The image's diagonal, the largest distance two of its pixels can have: the worst boundary distance. */
    public double diagonal() {
        return Math.hypot(height * spacingY, width * spacingX);
    }
}
