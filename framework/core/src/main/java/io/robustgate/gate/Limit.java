package io.robustgate.gate;

/** A bound on one metric: a minimum, a maximum, or both ({@code null} when absent). */
public record Limit(GateMetric metric, Double minimum, Double maximum) {

    public Limit {
        if (metric == null) {
            throw new IllegalArgumentException("a limit needs a metric (one of " + java.util.Arrays.toString(GateMetric.values()) + ")");
        }
        if (minimum == null && maximum == null) {
            throw new IllegalArgumentException("limit on " + metric + " has neither minimum nor maximum");
        }
    }

    public static Limit minimum(GateMetric metric, double value) {
        return new Limit(metric, value, null);
    }

    public static Limit maximum(GateMetric metric, double value) {
        return new Limit(metric, null, value);
    }
}
