package io.robustgate.metric;

/** IoU {@code |P∩G|/|P∪G|}; 1 when both masks are empty ({@link Overlap}). */
public final class IouMetric extends DefinedMetric {

    public IouMetric() {
        super("Iou", "IoU", "IoU", true, 0, 1);
    }

    @Override
    public double compute(MaskPair masks) {
        return Overlap.between(masks.predicted(), masks.truth()).iou();
    }
}
