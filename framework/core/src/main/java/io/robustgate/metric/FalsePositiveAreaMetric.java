package io.robustgate.metric;

import io.robustgate.data.LesionSurroundings;

/**
 * The false-positive area an attack created: predicted foreground away from the true mask (outside
 * its dilation, {@link LesionSurroundings}, so a boundary that merely moved does not count),
 * attacked minus clean, as a share of the image. Negative when the attack removed false positives
 * of the clean prediction; 0 for a clean prediction by definition. An image with an empty true mask
 * counts all its predicted foreground.
 */
public final class FalsePositiveAreaMetric extends ChangeMetric {

    public FalsePositiveAreaMetric() {
        super("FalsePositiveArea", "false-positive area", "FalsePositiveArea", "FALSE_POSITIVE_AREA", -1, 1);
    }

    @Override
    protected double change(MaskPair masks) {
        boolean[] far = LesionSurroundings.away(masks.truthMask(), masks.height(), masks.width());
        return share(masks.predicted(), far) - share(masks.cleanPredicted(), far);
    }

    private static double share(boolean[] predicted, boolean[] far) {
        long count = 0;
        for (int i = 0; i < predicted.length; i++) {
            count += predicted[i] && far[i] ? 1 : 0;
        }
        return (double) count / predicted.length;
    }
}
