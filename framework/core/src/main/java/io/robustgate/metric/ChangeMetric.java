package io.robustgate.metric;

/**
 * A figure of what an attack changed against the clean prediction ({@link MaskPair#cleanPredicted()}):
 * 0 for a clean prediction by definition, and no separate worsening to gate, since the attacked
 * figure already is one.
 */
public abstract class ChangeMetric extends DefinedMetric {

    private final String gateName;

    protected ChangeMetric(String key, String label, String limitStem, String gateName, double lowest, double highest) {
        super(key, label, limitStem, false, lowest, highest);
        this.gateName = gateName;
    }

    @Override
    public final String gateName() {
        return gateName;
    }

    @Override
    public final boolean comparesWithClean() {
        return true;
    }

    @Override
    public final double compute(MaskPair masks) {
        return masks.cleanPredicted() == null ? 0 : change(masks);
    }

    /** The figure of an attacked prediction, whose clean prediction {@code masks} holds. */
    protected abstract double change(MaskPair masks);
}
