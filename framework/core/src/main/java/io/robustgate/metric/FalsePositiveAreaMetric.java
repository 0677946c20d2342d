package io.robustgate.metric;

/**
 * The false-positive area an attack created: predicted foreground farther than
 * {@link #DILATION_RADIUS} pixels (Euclidean) from the true mask — outside its dilation by a disc
 * of that radius, so a boundary that merely moved does not count — attacked minus clean, as a
 * share of the image. Negative when the attack removed false positives of the clean prediction;
 * 0 for a clean prediction by definition. An image with an empty true mask counts all its
 * predicted foreground.
 */
public final class FalsePositiveAreaMetric extends DefinedMetric {

    /** In pixels of the model's input, whatever the pixel spacing: the dilation is a shape, not a distance gated. */
    public static final double DILATION_RADIUS = 5;

    public FalsePositiveAreaMetric() {
        super("FalsePositiveArea", "false-positive area", "FalsePositiveArea", false, -1, 1);
    }

    @Override
    public String gateName() {
        return "FALSE_POSITIVE_AREA";
    }

    @Override
    public boolean comparesWithClean() {
        return true;
    }

    @Override
    public double compute(MaskPair masks) {
        if (masks.cleanPredicted() == null) {
            return 0;
        }
        boolean[] far = outsideDilation(masks.truthMask(), masks.height(), masks.width());
        return share(masks.predicted(), far) - share(masks.cleanPredicted(), far);
    }

    /** Pixels farther than the radius from every true pixel (all of them when the true mask is empty). */
    public static boolean[] outsideDilation(boolean[] truth, int height, int width) {
        double[] distance = DistanceTransform.to(truth, height, width, 1, 1);
        boolean[] far = new boolean[truth.length];
        for (int i = 0; i < far.length; i++) {
            far[i] = distance[i] > DILATION_RADIUS;
        }
        return far;
    }

    private static double share(boolean[] predicted, boolean[] far) {
        long count = 0;
        for (int i = 0; i < predicted.length; i++) {
            count += predicted[i] && far[i] ? 1 : 0;
        }
        return (double) count / predicted.length;
    }
}
