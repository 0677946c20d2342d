package io.robustgate.cli;

import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.BudgetSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One entry of {@code attacks}: a registered attack's {@code type}, its budgets {@code eps}, and its
 * options — under {@code options} by name, or as the shorthand keys the Maven plugin accepts inside
 * {@code <attack>}. Core validates the options ({@link AttackSpec#of}), so the CLI accepts exactly
 * what the annotation and the plugin accept.
 */
final class AttackEntry {

    /** The plugin's shorthand elements; any other option goes under {@code options}. */
    static final Set<String> SHORTHAND = Set.of("steps", "alpha", "randomStart", "seed", "loss", "space", "keepBest");

    private static final Set<String> KEYS = Stream.concat(SHORTHAND.stream(), Stream.of("type", "eps", "options"))
            .collect(Collectors.toUnmodifiableSet());

    private AttackEntry() {}

    /** One spec per budget of the entry. */
    static List<AttackSpec> specs(ConfigNode entry) {
        entry.allowOnly(KEYS);
        String type = entry.requiredText("type", "type: PGD");
        if (!entry.has("eps")) {
            throw entry.child("eps").problem("is missing: write one budget or a list, e.g. eps: [1/255, 2/255]");
        }
        List<Float> budgets = Budgets.list(entry.child("eps"));
        Map<String, Object> options = new LinkedHashMap<>();
        for (String key : SHORTHAND) {
            entry.text(key).ifPresent(value -> options.put(key, value));
        }
        entry.scalarMap("options").forEach((key, value) -> {
            if (options.put(key, value) != null) {
                throw entry.problem(key + " is given both as a key of the attack and under options");
            }
        });
        AttackDefinition definition;
        try {
            definition = AttackRegistry.current().require(type);
        } catch (IllegalArgumentException e) {
            throw entry.child("type").problem(e.getMessage());
        }
        List<AttackSpec> specs = new ArrayList<>();
        for (float budget : budgets) {
            try {
                definition.threatModel().validate(budget, BudgetSpace.PIXEL);
            } catch (IllegalArgumentException e) {
                throw entry.child("eps").problem(definition.name() + ": " + e.getMessage());
            }
            try {
                specs.add(AttackSpec.of(definition, budget, options));
            } catch (IllegalArgumentException e) {
                throw entry.problem(e.getMessage());
            }
        }
        return specs;
    }
}
