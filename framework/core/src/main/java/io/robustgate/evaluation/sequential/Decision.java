package io.robustgate.evaluation.sequential;

/** Where a limit stands in a sequential evaluation. */
public enum Decision {
    /** The whole confidence sequence is on the passing side of the limit (or, at exhaustion, the exact mean passes). */
    MET,
    /** The whole confidence sequence is on the failing side of the limit (or, at exhaustion, the exact mean fails). */
    MISSED,
    /** The confidence sequence still contains the limit; at exhaustion, the full run's statistic decides. */
    UNDECIDED
}
