package io.robustgate.evaluation.sequential;

import java.util.List;

/**
 * What a result records of a sequential evaluation ({@code sequential} in results.json): how many images were attacked
 * of how many, the α and how it was split, each limit's decision with its confidence-sequence bounds at stopping, and
 * (for a report's plot) the bounds after each batch.
 *
 * @param imagesAttacked how many images were attacked before the evaluation stopped
 * @param imagesTotal    how many images the held-out set has
 * @param alpha          the gate's α (the family-wise error allowed over all the limits together)
 * @param alphaSplit     how α was split over the limits: {@code bonferroni}, α/k each
 * @param exhausted      whether every image was attacked (then the figures are exactly those of a full run)
 * @param limits         one entry per limit, in the order they were given
 * @param batches        the bounds after each batch, in the limits' order
 */
public record SequentialRecord(int imagesAttacked, int imagesTotal, double alpha, String alphaSplit, boolean exhausted,
        List<LimitDecision> limits, List<BatchBounds> batches) {

    public SequentialRecord {
        limits = List.copyOf(limits);
        batches = List.copyOf(batches);
    }

    /**
     * One limit's outcome.
     *
     * @param name         the limit's name, e.g. {@code minDice}
     * @param label        the figure's name in sentences, e.g. {@code Dice}
     * @param side         {@code MINIMUM} or {@code MAXIMUM}
     * @param limit        the limit's value
     * @param sequence     {@code WITHOUT_REPLACEMENT} (the set's mean) or {@code IID} (the population's mean)
     * @param alpha        this limit's share of α (α/k)
     * @param decision     MET, MISSED or UNDECIDED
     * @param exact        whether the decision is the exact comparison of the full set's mean (at exhaustion) rather
     *                     than the confidence sequence's
     * @param decidedAfter how many images had been attacked when the limit was first decided; 0 while undecided
     * @param lower        the confidence sequence's lower bound at stopping (the exact mean when exhausted without replacement)
     * @param upper        the confidence sequence's upper bound at stopping
     * @param mean         the mean of the figures of the images attacked
     */
    public record LimitDecision(String name, String label, SequentialLimit.Side side, double limit, SequentialLimit.Sequence sequence,
            double alpha, Decision decision, boolean exact, int decidedAfter, double lower, double upper, double mean) {
    }

    /**
     * The bounds after one batch.
     *
     * @param imagesAttacked images attacked after this batch
     * @param lower          each limit's lower bound, in the limits' order
     * @param upper          each limit's upper bound
     */
    public record BatchBounds(int imagesAttacked, List<Double> lower, List<Double> upper) {

        public BatchBounds {
            lower = List.copyOf(lower);
            upper = List.copyOf(upper);
        }
    }
}
