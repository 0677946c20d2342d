package io.robustgate.evaluation.sequential;

/**
 * One limit a sequential evaluation decides: a minimum or maximum on a per-image figure whose values lie in
 * [lowest, highest], and which confidence sequence bounds its mean.
 *
 * @param name     the limit's name as gates print it, e.g. {@code minDice}
 * @param label    the figure's name in sentences, e.g. {@code Dice}, {@code Dice drop}
 * @param side     whether the limit is a minimum (mean ≥ limit passes) or a maximum (mean ≤ limit passes)
 * @param limit    the limit's value
 * @param lowest   the least value a per-image figure can take (0 for Dice and IoU, −1 for their drops)
 * @param highest  the greatest value a per-image figure can take (1)
 * @param sequence which confidence sequence bounds the mean
 */
public record SequentialLimit(String name, String label, Side side, double limit, double lowest, double highest, Sequence sequence) {

    /** Whether the limit is a minimum or a maximum. */
    public enum Side { MINIMUM, MAXIMUM }

    /** Which mean the gate is a statement about, hence which confidence sequence bounds it. */
    public enum Sequence {
        /**
         * The mean of the held-out set itself, a finite population of N images attacked in a random order without
         * replacement (the gate's {@code MEAN} statistic): {@link WithoutReplacementBettingSequence}; exact at exhaustion.
         */
        WITHOUT_REPLACEMENT,
        /**
         * The mean of the population the set was drawn from (the gate's {@code CONFIDENCE_BOUND} statistic):
         * {@link IidBettingSequence}; never exact, so an undecided limit at exhaustion falls to the full run's bound.
         */
        IID;
    }

    public SequentialLimit {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a sequential limit needs a name");
        }
        if (label == null || label.isBlank()) {
            label = name.length() > 3 ? name.substring(3) : name;
        }
        if (side == null || sequence == null) {
            throw new IllegalArgumentException("limit " + name + " needs a side and a sequence");
        }
        if (!(Double.isFinite(lowest) && Double.isFinite(highest) && highest > lowest)) {
            throw new IllegalArgumentException("limit " + name + ": a sequential decision needs a bounded figure, got range ["
                    + lowest + ", " + highest + "]");
        }
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException("limit " + name + " must be finite, got " + limit);
        }
    }

    /** A minimum, e.g. {@code minimum("minDice", 0.80, 0, 1, WITHOUT_REPLACEMENT)}, labelled by its name's stem. */
    public static SequentialLimit minimum(String name, double limit, double lowest, double highest, Sequence sequence) {
        return new SequentialLimit(name, null, Side.MINIMUM, limit, lowest, highest, sequence);
    }

    /** A maximum, e.g. {@code maximum("maxDiceDrop", 0.10, -1, 1, WITHOUT_REPLACEMENT)}, labelled by its name's stem. */
    public static SequentialLimit maximum(String name, double limit, double lowest, double highest, Sequence sequence) {
        return new SequentialLimit(name, null, Side.MAXIMUM, limit, lowest, highest, sequence);
    }

    /** The decision the interval [lower, upper] allows: decided only when the whole interval is on one side; ties stay undecided. */
    Decision decide(double lower, double upper) {
        if (side == Side.MINIMUM) {
            return lower > limit ? Decision.MET : upper < limit ? Decision.MISSED : Decision.UNDECIDED;
        }
        return upper < limit ? Decision.MET : lower > limit ? Decision.MISSED : Decision.UNDECIDED;
    }

    /** The full run's verdict on an exact mean, with the MEAN statistic's semantics: mean ≥ minimum, mean ≤ maximum pass. */
    Decision exact(double mean) {
        boolean passes = side == Side.MINIMUM ? mean >= limit : mean <= limit;
        return passes ? Decision.MET : Decision.MISSED;
    }
}
