package io.robustgate.metric;

/** Dice {@code 2|P∩G|/(|P|+|G|)}; 1 when both masks are empty ({@link Overlap}). */
public final class DiceMetric implements SegmentationMetric {

    @Override
    public String key() {
        return "Dice";
    }

    @Override
    public String label() {
        return "Dice";
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
        return Overlap.between(masks.predicted(), masks.truth()).dice();
    }
}
