package io.robustgate.gate;

import io.robustgate.attack.EpsFormat;
import io.robustgate.evaluation.RobustnessResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@link GateRule}s to recorded results, as {@code robustgate:check} does at the end of a
 * build. A rule that matches no result is a violation: a gate that silently passes because its
 * attack was renamed or dropped from the run would gate nothing.
 */
public final class RuleCheck {

    private final List<GateRule> rules;
    private final GateStatistic statistic;

    public RuleCheck(List<GateRule> rules, GateStatistic statistic) {
        this.rules = List.copyOf(rules);
        this.statistic = statistic;
    }

    public List<GateRule> rules() {
        return rules;
    }

    /** One outcome per rule, in the rules' order. */
    public List<RuleOutcome> check(List<RobustnessResult> results) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (GateRule rule : rules) {
            outcomes.add(check(rule, results));
        }
        return outcomes;
    }

    /** Every violation of every outcome, in order. */
    public static List<GateViolation> violations(List<RuleOutcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.violations().stream()).toList();
    }

    private RuleOutcome check(GateRule rule, List<RobustnessResult> results) {
        List<RobustnessResult> matched = results.stream().filter(rule::matches).toList();
        if (matched.isEmpty()) {
            return new RuleOutcome(rule, List.of(), List.of(unmatched(rule, results)));
        }
        RobustnessGate gate = new RobustnessGate(rule.limits(), statistic, rule.failOnAlarms());
        List<CheckedResult> checked = new ArrayList<>();
        for (RobustnessResult result : matched) {
            List<GateViolation> violations = new ArrayList<>();
            for (GateViolation violation : gate.check(result)) {
                violations.add(new GateViolation(violation.resultName(), violation.limit(), violation.actual(),
                        "Rule " + rule.displayName() + " violated: " + violation.message() + " [" + origin(result) + "]"));
            }
            List<String> measurements = new ArrayList<>();
            for (Limit limit : rule.limits()) {
                measurements.add(measurement(result, limit) + " [" + origin(result) + "]");
            }
            checked.add(new CheckedResult(result, violations, measurements));
        }
        return new RuleOutcome(rule, checked, checked.stream().flatMap(c -> c.violations().stream()).toList());
    }

    private GateViolation unmatched(GateRule rule, List<RobustnessResult> results) {
        Set<String> found = new LinkedHashSet<>();
        for (RobustnessResult result : results) {
            found.add(result.attack().name() + " eps=" + EpsFormat.format(result.attack().eps()));
        }
        String present = found.isEmpty() ? "there are no results at all" : "results exist only for " + String.join(", ", found);
        return new GateViolation(rule.displayName(), null, Double.NaN, "Rule " + rule.displayName()
                + " matched no result: " + present + "; run this attack (robustgate:evaluate or an @AdversarialRobustness test) or change the rule");
    }

    /** E.g. {@code PGD eps=2/255 steps=40: Dice 0.853 ≥ minDice 0.800}. */
    private String measurement(RobustnessResult result, Limit limit) {
        GateMetric metric = limit.metric();
        if (metric.missing(result).isPresent()) {
            return result.displayName() + ": " + metric.label() + " missing (" + metric.missing(result).get() + ")";
        }
        if (result.stoppedEarly()) {
            Optional<String> decided = SequentialGate.measurement(result, limit, statistic);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        double actual = metric.value(result, statistic);
        String label = statistic == GateStatistic.MEAN || metric.summary(result).isEmpty() ? metric.label()
                : metric.label() + " (95% CI bound)";
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %s %s", result.displayName(), label,
                metric.format(actual)));
        if (limit.minimum() != null) {
            line.append(String.format(Locale.ROOT, " %s %s %s", actual >= limit.minimum() ? "≥" : "<",
                    metric.limitName(true), metric.format(limit.minimum())));
        }
        if (limit.maximum() != null) {
            line.append(String.format(Locale.ROOT, "%s %s %s %s", limit.minimum() != null ? "," : "",
                    actual <= limit.maximum() ? "≤" : ">", metric.limitName(false), metric.format(limit.maximum())));
        }
        return line.toString();
    }

    private static String origin(RobustnessResult result) {
        return "model " + result.model() + ", data " + result.dataset();
    }
}
