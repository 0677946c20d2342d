package io.robustgate.gate;

import io.robustgate.evaluation.ResultAlarm;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a result against limits and words each violation, e.g. {@code PGD eps=2/255: Dice 0.612
 * < minDice 0.800 (clean 0.913, drop 0.301; 95% CI 0.580–0.640; worst: 023_HC.png 0.040)}.
 */
public final class RobustnessGate {

    private final List<Limit> limits;
    private final GateStatistic statistic;
    private final boolean failOnAlarms;

    /**
     * @param failOnAlarms whether each gradient-masking alarm of a result is a violation; off by
     *     default, since an alarm asks for a look rather than proving the evaluation wrong
     */
    public RobustnessGate(List<Limit> limits, GateStatistic statistic, boolean failOnAlarms) {
        this.limits = List.copyOf(limits);
        this.statistic = statistic;
        this.failOnAlarms = failOnAlarms;
    }

    public RobustnessGate(List<Limit> limits, GateStatistic statistic) {
        this(limits, statistic, false);
    }

    public boolean failOnAlarms() {
        return failOnAlarms;
    }

    public List<Limit> limits() {
        return limits;
    }

    public GateStatistic statistic() {
        return statistic;
    }

    public List<GateViolation> check(RobustnessResult result) {
        List<GateViolation> violations = new ArrayList<>();
        for (Limit limit : limits) {
            Optional<String> missing = limit.metric().missing(result);
            if (missing.isPresent()) {
                violations.add(new GateViolation(result.displayName(), limit, Double.NaN, result.displayName() + ": "
                        + limit.metric().label() + " cannot be checked against " + bound(limit) + ": " + missing.get()));
                continue;
            }
            if (result.stoppedEarly()) {
                violations.addAll(SequentialGate.violations(result, limit, statistic));
                continue;
            }
            double actual = limit.metric().value(result, statistic);
            if (limit.minimum() != null && !(actual >= limit.minimum())) {
                violations.add(violation(result, limit, actual, true));
            }
            if (limit.maximum() != null && !(actual <= limit.maximum())) {
                violations.add(violation(result, limit, actual, false));
            }
        }
        if (failOnAlarms) {
            for (ResultAlarm alarm : result.alarms()) {
                violations.add(new GateViolation(result.displayName(), null, alarm.samples(),
                        result.displayName() + ": gradient masking suspected: " + alarm.message()));
            }
        }
        return violations;
    }

    /** E.g. {@code minDice 0.800} or {@code minDice 0.800, maxDice 0.950}. */
    static String bound(Limit limit) {
        GateMetric metric = limit.metric();
        StringBuilder text = new StringBuilder();
        if (limit.minimum() != null) {
            text.append(metric.limitName(true)).append(' ').append(metric.format(limit.minimum()));
        }
        if (limit.maximum() != null) {
            text.append(text.length() > 0 ? ", " : "").append(metric.limitName(false)).append(' ')
                    .append(metric.format(limit.maximum()));
        }
        return text.toString();
    }

    private GateViolation violation(RobustnessResult result, Limit limit, double actual, boolean minimum) {
        GateMetric metric = limit.metric();
        String context = metric.context(result);
        if (!context.isEmpty()) {
            String measured = statistic == GateStatistic.MEAN || metric.summary(result).isEmpty() ? metric.label()
                    : metric.label() + " (95% CI bound)";
            return new GateViolation(result.displayName(), limit, actual, String.format(Locale.ROOT, "%s: %s %s %s %s %s (%s)",
                    result.displayName(), measured, metric.format(actual), minimum ? "<" : ">", metric.limitName(minimum),
                    metric.format(minimum ? limit.minimum() : limit.maximum()), context));
        }
        Summary summary = metric.summary(result).orElseThrow();
        SegmentationMetric measuredMetric = metric.measured().orElseThrow();
        Summary clean = result.figure(measuredMetric.cleanField()).orElseThrow();
        Summary worsening = result.figure(measuredMetric.worseningField()).orElseThrow();
        String measured = statistic == GateStatistic.MEAN ? metric.label() : metric.label() + " (95% CI bound)";
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT, "%s: %s %.3f %s %s %.3f (clean %.3f, %s %.3f; 95%% CI %.3f–%.3f",
                result.displayName(), measured, actual, minimum ? "<" : ">", metric.limitName(minimum),
                minimum ? limit.minimum() : limit.maximum(), clean.mean(), measuredMetric.worsening().toLowerCase(Locale.ROOT),
                worsening.mean(), summary.ciLow(), summary.ciHigh()));
        result.samples().stream()
                .filter(sample -> sample.figure(measuredMetric, true).isPresent())
                .min(Comparator.comparingDouble((SampleResult sample) -> sample.figure(measuredMetric, true).get()
                        * (measuredMetric.higherIsBetter() ? 1 : -1)))
                .ifPresent(worst -> message.append(String.format(Locale.ROOT, "; worst: %s %.3f", worst.imageName(),
                        worst.figure(measuredMetric, true).get())));
        message.append(')');
        return new GateViolation(result.displayName(), limit, actual, message.toString());
    }
}
