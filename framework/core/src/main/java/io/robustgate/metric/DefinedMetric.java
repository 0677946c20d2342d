package io.robustgate.metric;

/**
 * A metric's name, direction and range held as fields, so each metric class states them once in
 * its constructor and implements only {@link #compute(MaskPair)}.
 */
public abstract class DefinedMetric implements SegmentationMetric {

    private final String key;
    private final String label;
    private final String limitStem;
    private final boolean higherIsBetter;
    private final double lowest;
    private final double highest;

    protected DefinedMetric(String key, String label, String limitStem, boolean higherIsBetter, double lowest,
            double highest) {
        this.key = key;
        this.label = label;
        this.limitStem = limitStem;
        this.higherIsBetter = higherIsBetter;
        this.lowest = lowest;
        this.highest = highest;
    }

    @Override
    public final String key() {
        return key;
    }

    @Override
    public final String label() {
        return label;
    }

    @Override
    public final String limitStem() {
        return limitStem;
    }

    @Override
    public final boolean higherIsBetter() {
        return higherIsBetter;
    }

    @Override
    public final double lowest() {
        return lowest;
    }

    @Override
    public final double highest() {
        return highest;
    }

    @Override
    public String toString() {
        return label;
    }
}
