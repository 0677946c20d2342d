package io.robustgate.gate;

import java.util.List;

/**
 * The limits a results file's producer asserted on its results, e.g. an
 * {@code @AdversarialRobustness(minDice = 0.30)} annotation, kept in the results JSON so that
 * reports read later can say a result was gated (and by what) even when no build-level rule names it.
 */
public record RecordedGate(List<Limit> limits, GateStatistic statistic, boolean failOnAlarms) {

    public RecordedGate {
        limits = limits == null ? List.of() : List.copyOf(limits);
        statistic = statistic == null ? GateStatistic.MEAN : statistic;
    }

    public static RecordedGate of(RobustnessGate gate) {
        return new RecordedGate(gate.limits(), gate.statistic(), gate.failOnAlarms());
    }

    /** Whether it gates anything: limits, or alarms as failures. */
    public boolean gates() {
        return !limits.isEmpty() || failOnAlarms;
    }

    public RobustnessGate toGate() {
        return new RobustnessGate(limits, statistic, failOnAlarms);
    }
}
