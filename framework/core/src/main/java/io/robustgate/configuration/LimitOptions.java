package io.robustgate.configuration;

import io.robustgate.gate.GateMetric;
import io.robustgate.gate.Limit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Limits as the front-ends write them, read through the metrics {@link GateMetric#values()} lists
 * and never by naming one, so that a metric added to the registry is gateable everywhere at once:
 *
 * <ul>
 *   <li>by limit name, {@code minDice = 0.80}, {@code maxDiceDrop = 0.10}: {@link GateMetric#limitName}
 *       of any metric (the annotation's attributes and {@code limits}, an attack's and a rule's
 *       {@code limits} map in the POM and the YAML);</li>
 *   <li>as an entry {@code metric}, {@code minimum}, {@code maximum}, JaCoCo's {@code <limit>}
 *       (a rule's {@code <limit>} in the POM, a rule's {@code limits} list in the YAML).</li>
 * </ul>
 *
 * A value is a decimal or a fraction ({@code 2/255}) and must lie in the metric's range
 * ({@link GateMetric#limitProblem}): one meaning for a negative limit in every front-end.
 */
public final class LimitOptions {

    private LimitOptions() {}

    /** The limit names of every metric, minimum then maximum: {@code minDice, maxDice, minIoU, …}. */
    public static List<String> limitNames() {
        List<String> names = new ArrayList<>();
        for (GateMetric metric : GateMetric.values()) {
            names.add(metric.limitName(true));
            names.add(metric.limitName(false));
        }
        return names;
    }

    /** Whether {@code key} is a limit name ({@code minDice}); case-insensitive. */
    public static boolean isLimitName(String key) {
        return find(key).isPresent();
    }

    /** What a key that looks like a limit name but is none gets: every name known. */
    public static String unknownLimitName(String key) {
        return "'" + key + "' is not a limit: use one of " + String.join(", ", limitNames());
    }

    /** The metrics' names as an entry's {@code metric} takes them: {@code DICE, IOU, DICE_DROP, …}. */
    public static String metricNames() {
        return Arrays.stream(GateMetric.values()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The metric an entry's {@code metric} names, case-insensitively, {@code -} for {@code _}. */
    public static Optional<GateMetric> metric(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(GateMetric.values()).filter(m -> String.valueOf(m).toUpperCase(Locale.ROOT).equals(name))
                .findFirst();
    }

    /** Every option of {@code options} that is a limit name, in the order written. */
    public static List<Limit> named(OptionMap options) {
        List<Limit> limits = new ArrayList<>();
        for (String key : options.keys()) {
            find(key).ifPresent(found -> {
                double value = value(options, key, found.metric());
                limits.add(found.minimum() ? Limit.minimum(found.metric(), value) : Limit.maximum(found.metric(), value));
            });
        }
        return limits;
    }

    /** One entry {@code metric} with {@code minimum}, {@code maximum} or both. */
    public static Limit entry(OptionMap entry) {
        for (String key : entry.keys()) {
            if (!List.of("metric", "minimum", "maximum").contains(key)) {
                throw entry.problem(key, "unknown key; allowed here: maximum, metric, minimum");
            }
        }
        if (!entry.has("metric")) {
            throw new ConfigurationProblem(entry.name("metric") + " is missing: use one of " + metricNames());
        }
        GateMetric metric = metric(entry.get("metric")).orElseThrow(() -> entry.problem("metric",
                "'" + entry.get("metric") + "' is unknown: use one of " + metricNames()));
        Double minimum = entry.has("minimum") ? value(entry, "minimum", metric) : null;
        Double maximum = entry.has("maximum") ? value(entry, "maximum", metric) : null;
        if (minimum == null && maximum == null) {
            throw entry.problem("a limit on " + metric + " needs a minimum, a maximum or both");
        }
        if (minimum != null && maximum != null && minimum > maximum) {
            throw entry.problem("minimum " + minimum + " is above maximum " + maximum);
        }
        return new Limit(metric, minimum, maximum);
    }

    private static double value(OptionMap options, String key, GateMetric metric) {
        double value = OptionValues.limitValue(options, key);
        Optional<String> problem = metric.limitProblem(value);
        if (problem.isPresent()) {
            throw options.problem(key, options.get(key) + " " + problem.get());
        }
        return value;
    }

    private record Found(GateMetric metric, boolean minimum) {}

    private static Optional<Found> find(String key) {
        for (GateMetric metric : GateMetric.values()) {
            for (boolean minimum : new boolean[] {true, false}) {
                if (metric.limitName(minimum).equalsIgnoreCase(key)) {
                    return Optional.of(new Found(metric, minimum));
                }
            }
        }
        return Optional.empty();
    }
}
