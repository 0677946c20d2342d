package io.robustgate.gate;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.sequential.Decision;
import io.robustgate.evaluation.sequential.SequentialDecision;
import io.robustgate.evaluation.sequential.SequentialLimit;
import io.robustgate.evaluation.sequential.SequentialPlan;
import io.robustgate.evaluation.sequential.SequentialRecord;
import io.robustgate.evaluation.sequential.SequentialVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A gate's limits as a sequential evaluation decides them (docs/sequential.md), and the verdict on a result that
 * stopped early. One meaning for the annotation's {@code sequential = true}, the plugin's {@code <sequential>} and the
 * YAML's {@code sequential: true}: the limits that gate the attack's result are decided on anytime-valid confidence
 * sequences of their means at the gate's α, and the evaluation stops once they are.
 *
 * <p>A result that stopped early passes a limit only on its recorded decision: MET passes, MISSED fails, and a limit
 * the evaluation did not decide (another gate's, or one left undecided when a different limit was missed) is a
 * violation, never a pass on the subset's mean. An exhausted result is gated as a full run: its figures are one.
 */
public final class SequentialGate {

    private SequentialGate() {}

    /** Which confidence sequence a gate on {@code statistic} needs: the set's mean, or the population's. */
    public static SequentialLimit.Sequence sequenceFor(GateStatistic statistic) {
        return switch (statistic) {
            case MEAN -> SequentialLimit.Sequence.WITHOUT_REPLACEMENT;
            case CONFIDENCE_BOUND -> SequentialLimit.Sequence.IID;
        };
    }

    /**
     * The plan deciding {@code gate}'s limits at the default α; each minimum and maximum is one limit of the α split.
     *
     * @throws IllegalArgumentException for a gate without limits, a figure that is not a mean of per-image values
     *     (the analyses' figures) or one without bounds (HD95): no confidence sequence can decide those
     */
    public static SequentialPlan plan(RobustnessGate gate) {
        if (gate.limits().isEmpty()) {
            throw new IllegalArgumentException("sequential: there is no limit to decide; set a limit such as minDice, or"
                    + " evaluate without sequential");
        }
        SequentialLimit.Sequence sequence = sequenceFor(gate.statistic());
        List<SequentialPlan.PlannedLimit> planned = new ArrayList<>();
        for (Limit limit : gate.limits()) {
            GateMetric metric = limit.metric();
            Function<io.robustgate.evaluation.SampleResult, Double> perSample = metric.perSample().orElseThrow(() ->
                    new IllegalArgumentException("sequential: " + metricLimitNames(limit) + " bounds the " + metric.label()
                            + ", a figure of the whole set rather than a mean over images; gate it without sequential"));
            if (Double.isInfinite(metric.lowest()) || Double.isInfinite(metric.highest())) {
                throw new IllegalArgumentException("sequential: " + metricLimitNames(limit) + ": the " + metric.label()
                        + " has no upper bound, and a confidence sequence needs bounded figures; gate it without sequential");
            }
            Function<RobustnessResult, Double> setMean = r -> metric.value(r, GateStatistic.MEAN);
            if (limit.minimum() != null) {
                planned.add(new SequentialPlan.PlannedLimit(new SequentialLimit(metric.limitName(true), metric.label(),
                        SequentialLimit.Side.MINIMUM, limit.minimum(), metric.lowest(), metric.highest(), sequence),
                        perSample, setMean));
            }
            if (limit.maximum() != null) {
                planned.add(new SequentialPlan.PlannedLimit(new SequentialLimit(metric.limitName(false), metric.label(),
                        SequentialLimit.Side.MAXIMUM, limit.maximum(), metric.lowest(), metric.highest(), sequence),
                        perSample, setMean));
            }
        }
        return new SequentialPlan(planned, SequentialDecision.DEFAULT_ALPHA);
    }

    private static String metricLimitNames(Limit limit) {
        return limit.minimum() != null ? limit.metric().limitName(true) : limit.metric().limitName(false);
    }

    /** The violations of {@code limit} on a result that stopped early, from its recorded decisions. */
    static List<GateViolation> violations(RobustnessResult result, Limit limit, GateStatistic statistic) {
        SequentialRecord record = result.sequentialRecord().orElseThrow();
        List<GateViolation> violations = new ArrayList<>();
        for (boolean minimum : new boolean[] {true, false}) {
            Double value = minimum ? limit.minimum() : limit.maximum();
            if (value == null) {
                continue;
            }
            Optional<SequentialRecord.LimitDecision> found = decision(record, limit.metric().limitName(minimum), value,
                    statistic);
            if (found.isEmpty()) {
                violations.add(new GateViolation(result.displayName(), limit, Double.NaN, result.displayName() + ": "
                        + limit.metric().limitName(minimum) + " " + limit.metric().format(value) + " cannot be checked: the"
                        + " sequential evaluation stopped after " + record.imagesAttacked() + " of " + record.imagesTotal()
                        + " images deciding " + decidedNames(record) + " (gating on the " + statistic.name().toLowerCase(java.util.Locale.ROOT)
                        + "); evaluate without sequential, or with this limit among the attack's"));
                continue;
            }
            SequentialRecord.LimitDecision d = found.get();
            if (d.decision() == Decision.MET) {
                continue;
            }
            String why = d.decision() == Decision.MISSED ? "" : " when the evaluation stopped on a missed limit";
            violations.add(new GateViolation(result.displayName(), limit, d.mean(), result.displayName() + ": decided after "
                    + record.imagesAttacked() + " of " + record.imagesTotal() + " images: "
                    + SequentialVerdict.limit(d, record) + why));
        }
        return violations;
    }

    /** What a passing limit of a result that stopped early shows: {@code decided after 9 of 210 images: Dice ≥ …}. */
    static Optional<String> measurement(RobustnessResult result, Limit limit, GateStatistic statistic) {
        SequentialRecord record = result.sequentialRecord().orElseThrow();
        List<String> parts = new ArrayList<>();
        for (boolean minimum : new boolean[] {true, false}) {
            Double value = minimum ? limit.minimum() : limit.maximum();
            if (value != null) {
                decision(record, limit.metric().limitName(minimum), value, statistic)
                        .ifPresent(d -> parts.add(SequentialVerdict.limit(d, record)));
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(result.displayName() + ": decided after "
                + record.imagesAttacked() + " of " + record.imagesTotal() + " images: " + String.join("; ", parts));
    }

    private static Optional<SequentialRecord.LimitDecision> decision(SequentialRecord record, String name, double value,
            GateStatistic statistic) {
        SequentialLimit.Sequence sequence = sequenceFor(statistic);
        return record.limits().stream()
                .filter(d -> d.name().equals(name) && d.limit() == value && d.sequence() == sequence)
                .findFirst();
    }

    private static String decidedNames(SequentialRecord record) {
        return String.join(", ", record.limits().stream().map(d -> d.name() + " " + String.format(java.util.Locale.ROOT,
                "%.3f", d.limit())).toList());
    }
}
