package io.robustgate.attack;

import java.util.LinkedHashMap;
import java.util.Map;

/** Options written as text, {@code "steps=100"}, the way annotations and command lines carry them. */
public final class AttackOptionsText {

    private AttackOptionsText() {}

    /** {@code {"steps=100", "loss=MASKED_BCE"}} → an ordered map; a malformed or repeated entry is refused. */
    public static Map<String, String> parse(String... entries) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("option '" + entry + "' must read name=value, e.g. steps=100");
            }
            String name = entry.substring(0, equals).trim();
            if (options.put(name, entry.substring(equals + 1).trim()) != null) {
                throw new IllegalArgumentException("option '" + name + "' is given twice");
            }
        }
        return options;
    }

    /** {@code steps=100, loss=MASKED_BCE}: the inverse of {@link #parse}, comma-separated. */
    public static String format(Map<String, ?> options) {
        StringBuilder text = new StringBuilder();
        options.forEach((name, value) -> text.append(text.length() > 0 ? ", " : "").append(name).append('=').append(value));
        return text.toString();
    }
}
