package io.robustgate.metric;

/** IoU {@code |P∩G|/|P∪G|}; 1 when both masks are empty ({@link Overlap}). */
public final class IouMetric implements SegmentationMetric {

    @Override
    public String key() {
        return "Iou";
    }

    @Override
    public String label() {
        return "IoU";
    }

    @Override
    public String limitStem() {
        return "IoU";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double lowest() {
        return 0;
    }

    @Override
    public double highest() {
        return 1;
    }

    @Override
    public double compute(MaskPair masks) {
        return Overlap.between(masks.predicted(), masks.truth()).iou();
    }
}
