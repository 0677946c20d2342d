package io.robustgate.cli;

import io.robustgate.configuration.ConfigurationProblem;
import io.robustgate.configuration.OptionMap;
import io.robustgate.configuration.RuleOptions;
import io.robustgate.gate.GateRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code rules}: the attack, an optional budget (absent: every budget of that attack),
 * its {@code limits} — a list of {@code {metric, minimum, maximum}} or a map by limit name
 * ({@code {minDice: 0.80, maxHd95: 12.5}}) — and {@code failOnAlarms}; read by core's
 * {@link RuleOptions}, as the plugin's {@code <rule>}.
 */
final class RuleEntry {

    private static final Set<String> KEYS = Set.of("attack", "eps", "limits", "failOnAlarms");

    private RuleEntry() {}

    static GateRule rule(ConfigNode entry) {
        entry.allowOnly(KEYS);
        OptionMap rule = entry.options(Set.of("limits"));
        List<OptionMap> limits = new ArrayList<>();
        try {
            if (entry.has("limits") && entry.child("limits").isMap()) {
                rule.putAll(entry.scalarMap("limits"), "limits.");
            } else {
                for (ConfigNode limit : entry.list("limits")) {
                    limits.add(limit.options(Set.of()));
                }
            }
            return RuleOptions.parse(rule, limits);
        } catch (ConfigurationProblem e) {
            throw entry.problem(e);
        }
    }
}
