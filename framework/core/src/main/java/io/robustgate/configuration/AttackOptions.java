package io.robustgate.configuration;

import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.BudgetSpace;
import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.CriticalThreshold;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.Limit;
import io.robustgate.gate.SequentialGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one reader of an attack's settings, for the annotation, the POM's {@code <attack>} and the
 * YAML's {@code attacks} entry alike. The options, by name:
 *
 * <ul>
 *   <li>{@code type} (a registered attack) and {@code eps} (one budget or a comma-separated list);</li>
 *   <li>the attack's options: the shorthand {@link #SHORTHAND} directly, any other as
 *       {@code options.NAME} (validated by {@link AttackSpec#of});</li>
 *   <li>the analyses {@link #ANALYSES};</li>
 *   <li>{@code gateOn}, {@code failOnAlarms} and any limit name of {@link LimitOptions}
 *       ({@code minDice}, {@code maxHd95});</li>
 *   <li>{@code sequential}: decide the limits on confidence sequences and stop once they are decided
 *       ({@link SequentialGate}; docs/sequential.md).</li>
 * </ul>
 */
public final class AttackOptions {

    /** Options of the attack that may be written as settings of their own. */
    public static final Set<String> SHORTHAND = Set.of("steps", "alpha", "randomStart", "seed", "loss", "space", "keepBest");

    /** What is measured around the attack. */
    public static final Set<String> ANALYSES = Set.of("promptTransfer", "criticalDice", "criticalFraction", "criticalStep",
            "curvePoints");

    /** Prefix of an option of the attack that is not in {@link #SHORTHAND}: {@code options.momentum}. */
    public static final String OPTION_PREFIX = "options.";

    /** Every key other than the attack's options and the limit names. */
    public static final Set<String> KEYS = keys();

    /**
     * Limits that need an analysis, by the metric's limit-name stem ({@code minCurveArea} →
     * {@code CurveArea}): refused up front when the analysis is not configured, so that a test
     * fails its configuration rather than its gate.
     */
    private static final Map<String, Need> NEEDS = Map.of(
            "mediancriticaleps", new Need("the critical-budget search: set criticalDice (e.g. 0.5) or criticalFraction "
                    + "(e.g. 0.5 of the clean Dice)", a -> a.critical() != null),
            "curvearea", new Need("a curve: set curvePoints (e.g. 8)", a -> a.curvePoints() > 0));

    private record Need(String text, java.util.function.Predicate<Analyses> configured) {}

    private AttackOptions() {}

    private static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(List.of("type", "eps"));
        keys.addAll(SHORTHAND);
        keys.addAll(ANALYSES);
        keys.addAll(List.of("gateOn", "failOnAlarms", "sequential"));
        return Set.copyOf(keys);
    }

    /** Reads one attack entry; every problem names the entry and the option. */
    public static ConfiguredAttack parse(OptionMap entry) {
        refuseUnknown(entry);
        if (!entry.has("type")) {
            throw new ConfigurationProblem(entry.name("type") + " is missing: name an attack, e.g. PGD");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (String key : entry.keys()) {
            if (SHORTHAND.contains(key)) {
                options.put(key, entry.get(key));
            }
        }
        for (String key : entry.keys()) {
            if (key.startsWith(OPTION_PREFIX)) {
                String name = key.substring(OPTION_PREFIX.length());
                if (options.put(name, entry.get(key)) != null) {
                    throw entry.problem(name + " is given twice: as " + entry.name(name) + " and as " + entry.name(key));
                }
            }
        }
        AttackDefinition definition;
        try {
            definition = AttackRegistry.current().require(entry.get("type"));
        } catch (IllegalArgumentException e) {
            throw entry.problem("type", e.getMessage());
        }
        List<Float> budgets = budgets(entry, definition);
        List<AttackSpec> specs = new ArrayList<>();
        for (float budget : budgets) {
            try {
                definition.threatModel().validate(budget, BudgetSpace.PIXEL);
            } catch (IllegalArgumentException e) {
                throw entry.problem("eps", definition.name() + ": " + e.getMessage());
            }
            try {
                specs.addAll(definition.expand(AttackSpec.of(definition, budget, options)));
            } catch (IllegalArgumentException e) {
                throw entry.problem(e.getMessage());
            }
        }
        Analyses analyses = analyses(entry);
        if (!definition.hasBudget() && (analyses.critical() != null || analyses.curvePoints() > 0)) {
            throw entry.problem(definition.name() + " has no budget: the critical budget and the Dice-against-eps curve"
                    + " search over eps, which it does not have; its severities are its curve");
        }
        List<Limit> limits = LimitOptions.named(entry);
        refuseLimitsWithoutTheirAnalysis(entry, analyses);
        GateStatistic gateOn = entry.has("gateOn") ? OptionValues.constant(entry, "gateOn", GateStatistic.class) : null;
        boolean failOnAlarms = entry.has("failOnAlarms") && OptionValues.flag(entry, "failOnAlarms");
        boolean sequential = entry.has("sequential") && OptionValues.flag(entry, "sequential");
        ConfiguredAttack configured = new ConfiguredAttack(entry.label(), specs, analyses, limits, gateOn, failOnAlarms,
                sequential);
        if (sequential) {
            refuseUndecidable(entry, configured);
        }
        return configured;
    }

    /**
     * The entry's budgets; for an attack without one ({@link AttackDefinition#hasBudget()}, e.g.
     * CORRUPTION) eps must be left out and the one budget is 0.
     */
    private static List<Float> budgets(OptionMap entry, AttackDefinition definition) {
        if (!definition.hasBudget()) {
            if (entry.has("eps")) {
                throw entry.problem("eps", definition.name() + " has no budget (its strength is its severity option):"
                        + " leave eps out");
            }
            return List.of(0f);
        }
        if (!entry.has("eps")) {
            throw new ConfigurationProblem(entry.name("eps") + " is missing: write one budget or a list, e.g. 1/255,2/255");
        }
        return OptionValues.budgets(entry, "eps");
    }

    /** The analyses alone, for each budget of the entry alike. */
    public static Analyses analyses(OptionMap entry) {
        if (entry.has("criticalDice") && entry.has("criticalFraction")) {
            throw entry.problem("give criticalDice (an absolute Dice) or criticalFraction (of the clean Dice), not both");
        }
        CriticalThreshold critical = null;
        try {
            if (entry.has("criticalDice")) {
                critical = CriticalThreshold.absolute(OptionValues.number(entry, "criticalDice"));
            } else if (entry.has("criticalFraction")) {
                critical = CriticalThreshold.fractionOfClean(OptionValues.number(entry, "criticalFraction"));
            }
        } catch (ConfigurationProblem e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw entry.problem(e.getMessage());
        }
        float step = entry.has("criticalStep") ? OptionValues.budget(entry, "criticalStep") : Analyses.DEFAULT_CRITICAL_STEP;
        boolean transfer = entry.has("promptTransfer") && OptionValues.flag(entry, "promptTransfer");
        int points = entry.has("curvePoints") ? OptionValues.integer(entry, "curvePoints") : 0;
        try {
            return new Analyses(transfer, critical, step, points);
        } catch (IllegalArgumentException e) {
            throw entry.problem(e.getMessage());
        }
    }

    private static void refuseUnknown(OptionMap entry) {
        for (String key : entry.keys()) {
            if (KEYS.contains(key) || key.startsWith(OPTION_PREFIX) || LimitOptions.isLimitName(key)) {
                continue;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("min") || lower.startsWith("max")) {
                throw entry.problem(key, LimitOptions.unknownLimitName(key));
            }
            throw entry.problem(key, "unknown option; allowed: " + String.join(", ", new java.util.TreeSet<>(KEYS))
                    + ", options." + "NAME and the limits " + String.join(", ", LimitOptions.limitNames()));
        }
    }

    /** A sequential entry must have limits a confidence sequence can decide, and no analysis needing every image. */
    private static void refuseUndecidable(OptionMap entry, ConfiguredAttack configured) {
        if (configured.limits().isEmpty()) {
            throw entry.problem("sequential", "there is no limit to decide: set a limit such as minDice, or drop sequential");
        }
        if (configured.analyses().any()) {
            throw entry.problem("sequential", "the analyses (prompt transfer, critical budget, curve) need every image;"
                    + " run them in an entry without sequential");
        }
        try {
            SequentialGate.plan(configured.gate(GateStatistic.MEAN));
        } catch (IllegalArgumentException e) {
            throw entry.problem("sequential", e.getMessage().replaceFirst("^sequential: ", ""));
        }
    }

    private static void refuseLimitsWithoutTheirAnalysis(OptionMap entry, Analyses analyses) {
        for (String key : entry.keys()) {
            if (!LimitOptions.isLimitName(key) || key.length() <= 3) {
                continue;
            }
            Need need = NEEDS.get(key.substring(3).toLowerCase(Locale.ROOT));
            if (need != null && !need.configured().test(analyses)) {
                throw entry.problem(key + " needs " + need.text());
            }
        }
    }
}
