package io.robustgate.gate;

/** Which statistic of a metric a gate compares with its limit. */
public enum GateStatistic {
    /** The mean over the held-out set. */
    MEAN,
    /** The pessimistic end of the bootstrap 95% confidence interval of the mean. */
    CONFIDENCE_BOUND
}
