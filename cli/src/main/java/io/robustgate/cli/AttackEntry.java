package io.robustgate.cli;

import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.BudgetSpace;
import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.CriticalThreshold;
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

    /** What is measured around the attack, as the plugin's elements of the same names. */
    static final Set<String> ANALYSES = Set.of("promptTransfer", "criticalDice", "criticalFraction", "criticalStep",
            "curvePoints");

    private static final Set<String> KEYS = Stream.of(SHORTHAND.stream(), ANALYSES.stream(), Stream.of("type", "eps", "options"))
            .flatMap(s -> s).collect(Collectors.toUnmodifiableSet());

    private AttackEntry() {}

    /** The analyses of the entry, for each of its budgets alike. */
    static Analyses analyses(ConfigNode entry) {
        if (entry.has("criticalDice") && entry.has("criticalFraction")) {
            throw entry.problem("give criticalDice (an absolute Dice) or criticalFraction (of the clean Dice), not both");
        }
        CriticalThreshold critical = null;
        try {
            if (entry.has("criticalDice")) {
                critical = CriticalThreshold.absolute(number(entry, "criticalDice"));
            } else if (entry.has("criticalFraction")) {
                critical = CriticalThreshold.fractionOfClean(number(entry, "criticalFraction"));
            }
        } catch (IllegalArgumentException e) {
            throw entry.problem(e.getMessage());
        }
        float step = entry.has("criticalStep") ? Budgets.one(entry.child("criticalStep")) : Analyses.DEFAULT_CRITICAL_STEP;
        try {
            return new Analyses(entry.bool("promptTransfer", false), critical, step, entry.integer("curvePoints", 0));
        } catch (IllegalArgumentException e) {
            throw entry.problem(e.getMessage());
        }
    }

    private static double number(ConfigNode entry, String key) {
        String text = entry.text(key).orElse("").trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw entry.child(key).problem("'" + text + "' is not a number");
        }
    }

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
