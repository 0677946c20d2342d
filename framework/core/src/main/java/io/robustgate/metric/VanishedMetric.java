package io.robustgate.metric;

/**
 * Whether the attack made the lesion vanish, 1 or 0 per sample, so that its mean is the share of
 * images whose lesion vanished: the attacked predicted area is at most {@link #SHARE} of a clean
 * predicted area that was not empty (DAG's criterion, Xie et al. 2017: fewer than 1% of the target
 * pixels left). An image whose clean prediction is already empty counts 0 — the attack did not make
 * anything vanish; its {@code cleanPredictedArea} of 0 records that it was empty. The share is fixed,
 * not an attack option, so the figure means the same whichever attack produced it.
 */
public final class VanishedMetric extends ChangeMetric {

    /** The share of the clean foreground that may be left of a vanished lesion. */
    public static final double SHARE = 0.01;

    public VanishedMetric() {
        super("Vanished", "vanished fraction", "VanishedFraction", "VANISHED_FRACTION", 0, 1);
    }

    @Override
    protected double change(MaskPair masks) {
        double clean = PredictedAreaMetric.share(masks.cleanPredicted());
        return clean > 0 && PredictedAreaMetric.share(masks.predicted()) <= SHARE * clean ? 1 : 0;
    }
}
