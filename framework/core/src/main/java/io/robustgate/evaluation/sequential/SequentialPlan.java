package io.robustgate.evaluation.sequential;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import java.util.List;
import java.util.function.Function;

/**
 * What a sequential evaluation decides: the limits, each with how to read its per-image figure from an attacked
 * sample, and the gate's α. Built by the gate ({@code io.robustgate.gate.SequentialGate}) from the limits that apply to
 * a result; the evaluator only feeds figures and stops when {@link SequentialDecision#finished()}.
 *
 * @param limits the limits decided, in the order the record lists them
 * @param alpha  the family-wise error allowed over all of them ({@link SequentialDecision#DEFAULT_ALPHA})
 */
public record SequentialPlan(List<PlannedLimit> limits, double alpha) {

    /**
     * One limit and its figure.
     *
     * @param limit   the limit, its figure's range and its sequence
     * @param figure  the attacked sample's value of that figure (its Dice, its Dice drop)
     * @param setMean the figure's mean as the full run's result gives it (its {@code Summary}), so that an exhausted
     *                run decides on exactly the number a full run's gate compares
     */
    public record PlannedLimit(SequentialLimit limit, Function<SampleResult, Double> figure,
            Function<RobustnessResult, Double> setMean) {}

    public SequentialPlan {
        if (limits == null || limits.isEmpty()) {
            throw new IllegalArgumentException("a sequential plan needs at least one limit");
        }
        limits = List.copyOf(limits);
    }

    /** A new decision over a set of {@code imagesTotal} images. */
    public SequentialDecision decision(int imagesTotal) {
        return new SequentialDecision(limits.stream().map(PlannedLimit::limit).toList(), alpha, imagesTotal);
    }

    /**
     * Each sample's figures, one row per sample and one column per limit, in the given order. A figure outside its
     * limit's range (a NaN from a sample recorded without the metric) is an error, never fed to a sequence.
     */
    public double[][] figures(List<SampleResult> samples) {
        double[][] rows = new double[samples.size()][limits.size()];
        for (int j = 0; j < samples.size(); j++) {
            for (int i = 0; i < limits.size(); i++) {
                PlannedLimit planned = limits.get(i);
                double value = planned.figure().apply(samples.get(j));
                SequentialLimit l = planned.limit();
                if (!(value >= l.lowest() && value <= l.highest())) {
                    throw new IllegalStateException("sample " + samples.get(j).imageName() + ": " + l.label() + " " + value
                            + " is outside [" + l.lowest() + ", " + l.highest() + "], the range " + l.name() + " is decided on");
                }
                rows[j][i] = value;
            }
        }
        return rows;
    }
}
