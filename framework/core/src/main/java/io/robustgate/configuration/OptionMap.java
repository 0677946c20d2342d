package io.robustgate.configuration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings as text, by name, in the order written, and where they were written: what each
 * front-end makes of its native form (annotation attributes, POM elements, YAML keys) before the
 * one parser of this package reads them.
 *
 * <p>The source is a label and the way an option is named after it: {@link #path} for the POM and
 * the YAML ({@code attacks[1]} → {@code attacks[1].eps}), {@link #labelled} for the annotation
 * ({@code @AdversarialRobustness on MyTest#m} → {@code …#m: eps}). An option that reaches the map
 * from a nested form ({@code <limits><maxHd95>}) keeps the name it was written under.
 */
public final class OptionMap {

    private final String label;
    private final String separator;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> writtenAs = new LinkedHashMap<>();

    private OptionMap(String label, String separator) {
        this.label = Objects.requireNonNull(label, "label");
        this.separator = separator;
    }

    /** A POM or YAML entry: options are named {@code label.option}; with an empty label, the top level ({@code gateOn}). */
    public static OptionMap path(String label) {
        return new OptionMap(label, ".");
    }

    /** An annotation or other labelled source: options are named {@code label: option}. */
    public static OptionMap labelled(String label) {
        return new OptionMap(label, ": ");
    }

    /** The same source with no options: for an entry nested in this one ({@code rules[0].limits[1]}). */
    public OptionMap nested(String child) {
        return new OptionMap(separator.equals(".") ? label + "." + child : label + separator + child, ".");
    }

    /** Adds an option; a null or blank value is left out (not set). */
    public OptionMap put(String key, String text) {
        return put(key, text, key);
    }

    /**
     * Adds an option written as {@code writtenAs} (e.g. {@code limits.maxHd95} for the key
     * {@code maxHd95}); the same option twice is refused, naming both places.
     */
    public OptionMap put(String key, String text, String writtenAs) {
        if (text == null || text.isBlank()) {
            return this;
        }
        if (values.containsKey(key)) {
            throw problem(key + " is given twice: as " + this.writtenAs.get(key) + " and as " + writtenAs);
        }
        values.put(key, text.trim());
        this.writtenAs.put(key, writtenAs);
        return this;
    }

    /** Every entry of {@code options}, each written as {@code prefix + name} (prefix e.g. {@code "limits."}). */
    public OptionMap putAll(Map<String, String> options, String prefix) {
        if (options != null) {
            options.forEach((key, text) -> put(key, text, prefix + key));
        }
        return this;
    }

    public String label() {
        return label;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The option's text, trimmed; null when not set. */
    public String get(String key) {
        return values.get(key);
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** How messages name an option: {@code attacks[1].eps}, {@code @AdversarialRobustness on T#m: minDice}. */
    public String name(String key) {
        String written = writtenAs.getOrDefault(key, key);
        return label.isEmpty() ? written : label + separator + written;
    }

    /** A problem with one option: {@code attacks[1].eps: …}. */
    public ConfigurationProblem problem(String key, String message) {
        return new ConfigurationProblem(name(key) + ": " + message);
    }

    /** A problem with the entry as a whole: {@code attacks[1]: …}. */
    public ConfigurationProblem problem(String message) {
        return new ConfigurationProblem(label.isEmpty() ? message : label + ": " + message);
    }

    @Override
    public String toString() {
        return label + " " + values;
    }
}
