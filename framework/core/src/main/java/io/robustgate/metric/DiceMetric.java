package io.robustgate.metric;

/** Dice {@code 2|P∩G|/(|P|+|G|)}; 1 when both masks are empty ({@link Overlap}). */
public final class DiceMetric extends DefinedMetric {

    public DiceMetric() {
        super("Dice", "Dice", "Dice", true, 0, 1);
    }

    @Override
    public double compute(MaskPair masks) {
        return Overlap.between(masks.predicted(), masks.truth()).dice();
    }
}
