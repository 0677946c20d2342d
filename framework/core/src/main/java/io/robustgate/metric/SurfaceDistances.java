package io.robustgate.metric;

/**
 * The boundary-to-boundary distances of a predicted and a true mask, both ways, as MONAI computes
 * them for its Hausdorff distance and surface Dice: for each boundary pixel of one mask
 * ({@link MaskBoundary}), the Euclidean distance (with the pixel spacing) to the nearest boundary
 * pixel of the other ({@link DistanceTransform}).
 *
 * @param predictedToTruth one entry per boundary pixel of the prediction, in row-major order
 * @param truthToPredicted one entry per boundary pixel of the true mask
 */
record SurfaceDistances(double[] predictedToTruth, double[] truthToPredicted) {

    static SurfaceDistances of(MaskPair masks) {
        int h = masks.height();
        int w = masks.width();
        boolean[] predicted = MaskBoundary.of(masks.predicted(), h, w);
        boolean[] truth = MaskBoundary.of(masks.truthMask(), h, w);
        return new SurfaceDistances(
                directed(predicted, DistanceTransform.to(truth, h, w, masks.spacingY(), masks.spacingX())),
                directed(truth, DistanceTransform.to(predicted, h, w, masks.spacingY(), masks.spacingX())));
    }

    private static double[] directed(boolean[] from, double[] distanceToOther) {
        double[] distances = new double[MaskBoundary.count(from)];
        int n = 0;
        for (int i = 0; i < from.length; i++) {
            if (from[i]) {
                distances[n++] = distanceToOther[i];
            }
        }
        return distances;
    }

    boolean predictedEmpty() {
        return predictedToTruth.length == 0;
    }

    boolean truthEmpty() {
        return truthToPredicted.length == 0;
    }
}
