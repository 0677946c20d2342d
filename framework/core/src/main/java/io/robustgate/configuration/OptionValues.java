package io.robustgate.configuration;

import io.robustgate.attack.EpsFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads one option's text as a number, a budget, a flag or a name, with the one message per kind of bad input. */
public final class OptionValues {

    private OptionValues() {}

    /** A decimal, e.g. {@code 0.5}. */
    public static double number(OptionMap options, String key) {
        String text = options.get(key);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw options.problem(key, "'" + text + "' is not a number");
        }
    }

    /** A limit's value: a decimal ({@code 0.80}) or a fraction ({@code 2/255}, as budgets are written). */
    public static double limitValue(OptionMap options, String key) {
        String text = options.get(key);
        try {
            // A fraction is read as budgets are (a float), so that 2/255 meets a recorded budget exactly.
            return text.indexOf('/') < 0 ? Double.parseDouble(text) : EpsFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw options.problem(key, "'" + text + "' is not a number");
        }
    }

    /** A whole number. */
    public static int integer(OptionMap options, String key) {
        String text = options.get(key);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw options.problem(key, "'" + text + "' is not a whole number");
        }
    }

    /** {@code true} or {@code false}, in any case. */
    public static boolean flag(OptionMap options, String key) {
        String text = options.get(key);
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw options.problem(key, "'" + text + "' is neither true nor false");
    }

    /** One positive budget: {@code 2/255}, {@code 0.008}. */
    public static float budget(OptionMap options, String key) {
        return budget(options, key, options.get(key));
    }

    /** A comma-separated list of positive budgets, at least one. */
    public static List<Float> budgets(OptionMap options, String key) {
        String text = options.get(key);
        List<Float> budgets = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw options.problem(key, "'" + text + "' has an empty entry");
            }
            budgets.add(budget(options, key, part));
        }
        return budgets;
    }

    private static float budget(OptionMap options, String key, String text) {
        float eps;
        try {
            eps = EpsFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw options.problem(key, e.getMessage());
        }
        if (!(eps > 0 && Float.isFinite(eps))) {
            throw options.problem(key, text.trim() + " is not a positive budget");
        }
        return eps;
    }

    /** A constant of {@code type}, case-insensitively and with {@code -} for {@code _}, listing the names when wrong. */
    public static <E extends Enum<E>> E constant(OptionMap options, String key, Class<E> type) {
        String accepted = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        String text = options.get(key);
        if (text == null) {
            throw new ConfigurationProblem(options.name(key) + " is missing: use one of " + accepted);
        }
        String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw options.problem(key, "'" + text + "' is unknown: use one of " + accepted);
    }
}
