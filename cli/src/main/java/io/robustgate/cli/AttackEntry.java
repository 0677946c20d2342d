package io.robustgate.cli;

import io.robustgate.configuration.AttackOptions;
import io.robustgate.configuration.ConfigurationProblem;
import io.robustgate.configuration.ConfiguredAttack;
import io.robustgate.configuration.OptionMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One entry of {@code attacks}: a registered attack's {@code type}, its budgets {@code eps}, its
 * options (under {@code options} by name, or the shorthand keys), its analyses and its
 * {@code limits} by name ({@code limits: {maxDiceDrop: 0.10, maxHd95: 12.5}}), which gate its
 * results in {@code check} as a rule for each of its budgets. Read by core's {@link AttackOptions},
 * so the CLI accepts exactly what the annotation and the plugin accept, with the same messages.
 */
final class AttackEntry {

    private static final Set<String> NESTED = Set.of("options", "limits");

    private static final Set<String> KEYS = Stream.concat(AttackOptions.KEYS.stream(), NESTED.stream())
            .collect(Collectors.toUnmodifiableSet());

    private AttackEntry() {}

    /** The entry read: its specs (one per budget), analyses and limits. */
    static ConfiguredAttack read(ConfigNode entry) {
        entry.allowOnly(KEYS);
        OptionMap options = entry.options(NESTED);
        try {
            entry.scalarMap("options").forEach((name, value) ->
                    options.put(AttackOptions.OPTION_PREFIX + name, value, "options." + name));
            options.putAll(entry.scalarMap("limits"), "limits.");
            return AttackOptions.parse(options);
        } catch (ConfigurationProblem e) {
            throw entry.problem(e);
        }
    }
}
