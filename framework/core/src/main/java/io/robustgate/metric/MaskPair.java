package io.robustgate.metric;

/**
 * A predicted and a true mask of one sample at the model's resolution, row-major {@code [H,W]},
 * with the size of a pixel: {@code spacingY × spacingX} in millimetres when the held-out set
 * gives it, 1 × 1 in pixels otherwise (distances are then in pixels).
 *
 * @param truth 0/1 values (above 0.5 is foreground)
 * @param cleanPredicted for an attacked prediction, the clean image's prediction, which the metrics of
 *     what an attack changed ({@link VanishedMetric}, {@link FalsePositiveAreaMetric}) compare with;
 *     null for a clean prediction
 */
public record MaskPair(boolean[] predicted, float[] truth, int height, int width, double spacingY, double spacingX,
        boolean[] cleanPredicted) {

    public MaskPair {
        if (cleanPredicted != null && cleanPredicted.length != predicted.length) {
            throw new IllegalArgumentException("the clean prediction has " + cleanPredicted.length + " pixels, the attacked one "
                    + predicted.length);
        }
        if (predicted.length != truth.length || predicted.length != height * width) {
            throw new IllegalArgumentException("masks differ in size: " + predicted.length + " vs " + truth.length
                    + " pixels for " + height + "×" + width);
        }
        if (!(spacingY > 0) || !(spacingX > 0) || Double.isInfinite(spacingY) || Double.isInfinite(spacingX)) {
            throw new IllegalArgumentException("pixel spacing must be positive and finite, was " + spacingY + " × " + spacingX);
        }
    }

    /** A clean prediction (no clean prediction to compare with). */
    public MaskPair(boolean[] predicted, float[] truth, int height, int width, double spacingY, double spacingX) {
        this(predicted, truth, height, width, spacingY, spacingX, null);
    }

    /** The same masks as an attacked prediction of an image whose clean prediction was {@code clean}. */
    public MaskPair attackedFrom(boolean[] clean) {
        return new MaskPair(predicted, truth, height, width, spacingY, spacingX, clean);
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
