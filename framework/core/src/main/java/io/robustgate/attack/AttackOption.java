package io.robustgate.attack;

import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One option an attack declares: its name, the kind of value, the default, what is accepted and a
 * one-line doc. Values are kept in one canonical Java type per kind (Integer, Float, Boolean, Long,
 * String), so specs compare equal however they were written (POM text, annotation, JSON).
 */
public final class AttackOption {

    /** The kinds of value an option takes. */
    public enum Kind {
        /** A whole number, e.g. {@code steps=100}. */
        INTEGER,
        /** A number that may be written as a fraction, e.g. {@code alpha=1/255}. */
        NUMBER,
        BOOLEAN,
        /** A 64-bit seed. */
        SEED,
        /** One name out of a list, matched case-insensitively, e.g. {@code loss=MASKED_BCE}. */
        CHOICE,
        /** Free text, e.g. an ensemble's members. */
        TEXT
    }

    private final String name;
    private final Kind kind;
    private final Object defaultValue;
    private final String doc;
    private final boolean shownInName;
    private final Function<Object, String> check;
    private final Supplier<Collection<String>> choices;
    private final String zeroMeans;
    /** How a text option is written canonically (a list without spaces, in lower case); identity for other text. */
    private final java.util.function.UnaryOperator<String> textForm;

    private AttackOption(String name, Kind kind, Object defaultValue, String doc, boolean shownInName,
            Function<Object, String> check, Supplier<Collection<String>> choices, String zeroMeans) {
        this(name, kind, defaultValue, doc, shownInName, check, choices, zeroMeans, text -> text);
    }

    private AttackOption(String name, Kind kind, Object defaultValue, String doc, boolean shownInName,
            Function<Object, String> check, Supplier<Collection<String>> choices, String zeroMeans,
            java.util.function.UnaryOperator<String> textForm) {
        this.textForm = textForm;
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.shownInName = shownInName;
        this.check = check;
        this.choices = choices;
        this.zeroMeans = zeroMeans;
    }

    private AttackOption(String name, Kind kind, Object defaultValue, String doc, boolean shownInName,
            Function<Object, String> check, Supplier<Collection<String>> choices) {
        this(name, kind, defaultValue, doc, shownInName, check, choices, null);
    }

    public static AttackOption integer(String name, int defaultValue, int minimum, String doc) {
        return new AttackOption(name, Kind.INTEGER, defaultValue, doc, false,
                v -> (Integer) v >= minimum ? null : "must be at least " + minimum, null);
    }

    /**
     * A whole number in [{@code minimum}, {@code maximum}]; {@code why} says why larger values are
     * refused (e.g. that 10,000 steps already take hours), so that an absurd setting such as
     * {@code steps: 1000000000}, which would run silently until killed, stops before anything runs.
     */
    public static AttackOption integer(String name, int defaultValue, int minimum, int maximum, String why, String doc) {
        return new AttackOption(name, Kind.INTEGER, defaultValue, doc, false,
                v -> (Integer) v < minimum ? "must be at least " + minimum
                        : (Integer) v > maximum ? "must be at most " + maximum + " (" + why + ")" : null, null);
    }

    /** A number in [{@code minimum}, {@code maximum}], written as a decimal or a fraction like {@code 1/255}. */
    public static AttackOption number(String name, float defaultValue, float minimum, float maximum, String doc) {
        return new AttackOption(name, Kind.NUMBER, defaultValue, doc, false,
                v -> (Float) v >= minimum && (Float) v <= maximum ? null
                        : "must lie in [" + minimum + ", " + maximum + "]", null);
    }

    public static AttackOption bool(String name, boolean defaultValue, String doc) {
        return new AttackOption(name, Kind.BOOLEAN, defaultValue, doc, false, v -> null, null);
    }

    public static AttackOption seed(String name, long defaultValue, String doc) {
        return new AttackOption(name, Kind.SEED, defaultValue, doc, false, v -> null, null);
    }

    /** One of {@code choices} (looked up when parsed, so a registry of names can grow). */
    public static AttackOption choice(String name, String defaultValue, Supplier<Collection<String>> choices, String doc) {
        return new AttackOption(name, Kind.CHOICE, defaultValue, doc, false, v -> null, choices);
    }

    public static AttackOption text(String name, String defaultValue, String doc) {
        return new AttackOption(name, Kind.TEXT, defaultValue, doc, false, v -> null, null);
    }

    /**
     * A comma-separated list of names out of {@code accepted} (case-insensitive), or {@code all} for
     * every one of them; kept in lower case without spaces, e.g. {@code gaussian_noise,jpeg}.
     */
    public static AttackOption nameList(String name, Supplier<Collection<String>> accepted, String doc) {
        Function<Object, String> check = v -> {
            String text = (String) v;
            if (text.equals("all")) {
                return null;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String part : text.split(",", -1)) {
                if (part.isEmpty()) {
                    return "has an empty entry: write names separated by commas, e.g. " + String.join(",",
                            accepted.get().stream().limit(2).toList()) + ".";
                }
                if (!accepted.get().contains(part)) {
                    return "names '" + part + "', which is unknown: use all or any of " + String.join(", ", accepted.get()) + ".";
                }
                if (!seen.add(part)) {
                    return "names '" + part + "' twice.";
                }
            }
            return null;
        };
        return new AttackOption(name, Kind.TEXT, "all", doc, false, check, accepted, null, AttackOption::compactList);
    }

    /** A comma-separated list of whole numbers in [{@code minimum}, {@code maximum}], e.g. {@code 1,3,5}; kept without spaces. */
    public static AttackOption integerList(String name, String defaultValue, int minimum, int maximum, String doc) {
        Function<Object, String> check = v -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String part : ((String) v).split(",", -1)) {
                int value;
                try {
                    value = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    return "reads '" + part + "', which is not a whole number: list whole numbers from " + minimum + " to "
                            + maximum + " separated by commas.";
                }
                if (value < minimum || value > maximum) {
                    return "lists " + value + ", which is out of range: list whole numbers from " + minimum + " to " + maximum + ".";
                }
                if (!seen.add(part)) {
                    return "lists " + value + " twice.";
                }
            }
            return null;
        };
        return new AttackOption(name, Kind.TEXT, defaultValue, doc, false, check, null, null, AttackOption::compactList);
    }

    private static String compactList(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** The same option, shown in display names, e.g. {@code steps} in {@code PGD eps=2/255 steps=40}. */
    public AttackOption shownInName() {
        return new AttackOption(name, kind, defaultValue, doc, true, check, choices, zeroMeans, textForm);
    }

    /** The same option with another default, e.g. APGD's 100 steps where PGD has 40. */
    public AttackOption withDefault(Object value) {
        return new AttackOption(name, kind, canonical(value), doc, shownInName, check, choices, zeroMeans, textForm);
    }

    /** The same number option, shown as {@code meaning} in reports when it is 0, e.g. {@code 2.5·eps/steps}. */
    public AttackOption zeroMeans(String meaning) {
        return new AttackOption(name, kind, defaultValue, doc, shownInName, check, choices, meaning, textForm);
    }

    /** A value as reports show it: numbers briefly ({@code 1/255}, {@code 0.00049}), 0 by its meaning. */
    public String display(Object value) {
        if (value instanceof Float number) {
            if (number == 0 && zeroMeans != null) {
                return zeroMeans;
            }
            String fraction = EpsFormat.format(number);
            return fraction.endsWith("/255") ? fraction : String.format(Locale.ROOT, "%.5g", number);
        }
        return String.valueOf(value);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    public boolean isShownInName() {
        return shownInName;
    }

    /** The accepted names of a choice option; empty for other kinds. */
    public Collection<String> choices() {
        return choices == null ? java.util.List.of() : choices.get();
    }

    /**
     * The value in this option's canonical type, validated: text as written in a POM or an
     * annotation, or a number, boolean or string as Jackson reads it from JSON.
     *
     * @throws IllegalArgumentException naming the option, the value and what is accepted
     */
    public Object canonical(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("option '" + name + "' has no value");
        }
        Object converted;
        try {
            converted = convert(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + name + "': '" + value + "' is not " + article());
        }
        String problem = check.apply(converted);
        if (problem != null) {
            // A check that names the offending part (a list's entry) says all in its own sentence.
            throw new IllegalArgumentException("option '" + name + "' " + problem
                    + (problem.endsWith(".") ? "" : " but is " + converted));
        }
        return converted;
    }

    private Object convert(Object value) {
        String text = value.toString().trim();
        return switch (kind) {
            case INTEGER -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? Integer.valueOf(n.intValue()) : Integer.valueOf(Integer.parseInt(text));
            case NUMBER -> value instanceof Number n ? Float.valueOf(n.floatValue()) : Float.valueOf(fraction(text));
            case BOOLEAN -> bool(text);
            case SEED -> value instanceof Number n ? Long.valueOf(n.longValue()) : Long.valueOf(Long.parseLong(text));
            case CHOICE -> choice(text);
            case TEXT -> textForm.apply(text);
        };
    }

    private static float fraction(String text) {
        try {
            return EpsFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NumberFormatException(text);
        }
    }

    private Boolean bool(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("option '" + name + "': '" + text + "' is not true or false");
    }

    private String choice(String text) {
        String wanted = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (String accepted : choices()) {
            if (accepted.equalsIgnoreCase(wanted)) {
                return accepted;
            }
        }
        throw new IllegalArgumentException("option '" + name + "': '" + text + "' is unknown: use one of "
                + String.join(", ", choices()));
    }

    private String article() {
        return switch (kind) {
            case INTEGER -> "a whole number";
            case NUMBER -> "a number (e.g. 0.01 or 1/255)";
            case SEED -> "a whole number (a seed)";
            default -> "valid";
        };
    }

    /** E.g. {@code steps (integer, default 40): PGD iterations}. */
    public String describe() {
        return name + " (" + kind.name().toLowerCase(Locale.ROOT) + ", default " + defaultValue + "): " + doc;
    }
}
