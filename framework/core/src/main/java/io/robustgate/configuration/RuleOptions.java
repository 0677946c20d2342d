package io.robustgate.configuration;

import io.robustgate.gate.GateRule;
import io.robustgate.gate.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one reader of a {@code check} rule, for the POM's {@code <rule>} and the YAML's {@code rules}
 * entry: {@code attack}, an optional {@code eps} (absent: every budget), {@code failOnAlarms}, and
 * its limits, as entries ({@code metric}/{@code minimum}/{@code maximum}, {@link LimitOptions#entry})
 * and by limit name ({@code minDice}, {@code maxHd95}, {@link LimitOptions#named}).
 */
public final class RuleOptions {

    public static final Set<String> KEYS = Set.of("attack", "eps", "failOnAlarms");

    private RuleOptions() {}

    /**
     * @param rule the rule's own settings and its limits by name
     * @param limitEntries its limit entries, each with its own source ({@code rules[0].limits[1]})
     */
    public static GateRule parse(OptionMap rule, List<OptionMap> limitEntries) {
        for (String key : rule.keys()) {
            if (!KEYS.contains(key) && !LimitOptions.isLimitName(key)) {
                String lower = key.toLowerCase(Locale.ROOT);
                throw rule.problem(key, lower.startsWith("min") || lower.startsWith("max") ? LimitOptions.unknownLimitName(key)
                        : "unknown key; allowed here: attack, eps, failOnAlarms, limits");
            }
        }
        if (!rule.has("attack")) {
            throw new ConfigurationProblem(rule.name("attack") + " is missing: name the attack the rule gates, e.g. PGD");
        }
        Float eps = rule.has("eps") ? OptionValues.budget(rule, "eps") : null;
        List<Limit> limits = new ArrayList<>();
        for (OptionMap entry : limitEntries) {
            limits.add(LimitOptions.entry(entry));
        }
        limits.addAll(LimitOptions.named(rule));
        if (limits.isEmpty()) {
            throw rule.problem("limits", "a rule needs at least one limit, e.g. minDice 0.80 or a metric DICE with minimum 0.80");
        }
        boolean failOnAlarms = rule.has("failOnAlarms") && OptionValues.flag(rule, "failOnAlarms");
        try {
            return new GateRule(rule.get("attack"), eps, limits, failOnAlarms);
        } catch (IllegalArgumentException e) {
            throw rule.problem(e.getMessage());
        }
    }
}
