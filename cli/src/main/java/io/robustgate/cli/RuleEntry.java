package io.robustgate.cli;

import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code rules}: the attack, an optional budget (absent: every budget of that attack),
 * its {@code limits} and {@code failOnAlarms}; the same rule as the plugin's {@code <rule>}.
 */
final class RuleEntry {

    private static final Set<String> KEYS = Set.of("attack", "eps", "limits", "failOnAlarms");
    private static final Set<String> LIMIT_KEYS = Set.of("metric", "minimum", "maximum");

    private RuleEntry() {}

    static GateRule rule(ConfigNode entry) {
        entry.allowOnly(KEYS);
        String attack = entry.requiredText("attack", "attack: PGD");
        Float eps = entry.has("eps") ? Budgets.one(entry.child("eps")) : null;
        List<ConfigNode> limitEntries = entry.list("limits");
        if (limitEntries.isEmpty()) {
            throw entry.child("limits").problem("a rule needs at least one limit, e.g. [{metric: DICE, minimum: 0.80}]");
        }
        List<Limit> limits = new ArrayList<>();
        for (ConfigNode limit : limitEntries) {
            limits.add(limit(limit));
        }
        try {
            return new GateRule(attack.trim(), eps, limits, entry.bool("failOnAlarms", false));
        } catch (IllegalArgumentException e) {
            throw entry.problem(e.getMessage());
        }
    }

    private static Limit limit(ConfigNode entry) {
        entry.allowOnly(LIMIT_KEYS);
        ConfigNode metricNode = entry.child("metric");
        String metricText = metricNode.scalarOrEmpty();
        if (metricText.isBlank()) {
            throw metricNode.problem("is missing: use one of " + GateMetric.names());
        }
        GateMetric metric = GateMetric.parse(metricText).orElseThrow(() -> metricNode.problem(
                "'" + metricText.trim() + "' is unknown: use one of " + GateMetric.names()));
        Double min = bound(entry, "minimum", metric);
        Double max = bound(entry, "maximum", metric);
        if (min == null && max == null) {
            throw entry.problem("a limit on " + metric + " needs a minimum, a maximum or both");
        }
        if (min != null && max != null && min > max) {
            throw entry.problem("minimum " + min + " is above maximum " + max);
        }
        return new Limit(metric, min, max);
    }

    /**
     * A bound within the metric's range ({@link GateMetric#limitProblem}, the rule the plugin and the
     * annotation share); a budget (the median critical eps) may be written as {@code 2/255}.
     */
    private static Double bound(ConfigNode entry, String key, GateMetric metric) {
        Optional<String> text = entry.text(key);
        if (text.isEmpty() || text.get().isBlank()) {
            return null;
        }
        double value;
        try {
            value = metric.isBudget() ? io.robustgate.attack.EpsFormat.parse(text.get()) : Double.parseDouble(text.get().trim());
        } catch (IllegalArgumentException e) {
            throw entry.child(key).problem("'" + text.get().trim() + "' is not a number"
                    + (metric.isBudget() ? " or a budget such as 2/255" : ""));
        }
        Optional<String> problem = metric.limitProblem(value);
        if (problem.isPresent()) {
            throw entry.child(key).problem(text.get().trim() + " " + problem.get());
        }
        return value;
    }
}
