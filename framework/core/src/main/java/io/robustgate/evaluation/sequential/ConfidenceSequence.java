package io.robustgate.evaluation.sequential;

/**
 * An anytime-valid confidence sequence for a mean of bounded values: after every {@link #observe}, the interval
 * [{@link #lower()}, {@link #upper()}] contains the target mean, and it does so <em>simultaneously for all times</em>
 * with probability at least 1 − α. That is what makes continuous monitoring legitimate: the bounds may be read after
 * every value or every batch, and the evaluation stopped at any data-dependent moment, without inflating the error
 * (Howard, Ramdas, McAuliffe &amp; Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann.
 * Statist. 2021; Ville's inequality).
 *
 * <p>Values lie in a known range [lo, hi], given at construction; implementations rescale them to [0, 1] internally
 * and report bounds on the original scale. Bounds only ever narrow (running intersection), which keeps them valid.
 */
public interface ConfidenceSequence {

    /** Feeds the next value, which must lie in the range given at construction (a rounding slack of 1e-9 of the span is clamped). */
    void observe(double x);

    /** The lower bound of the mean after the values observed so far, on the original scale. */
    double lower();

    /** The upper bound of the mean after the values observed so far, on the original scale. */
    double upper();

    /** How many values have been observed. */
    int observed();

    /** The mean of the values observed so far, on the original scale; NaN before the first. */
    double observedMean();

    /** The α this sequence was built for: its bounds all hold at once with probability ≥ 1 − α. */
    double alpha();
}
