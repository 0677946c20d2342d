package io.robustgate.junit;

import io.robustgate.attack.AttackOptionsText;
import io.robustgate.attack.EpsFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The display name of an invocation, from {@link AdversarialRobustness#name()}'s pattern. */
final class InvocationName {

    static final String DEFAULT = "{displayName}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final java.util.Set<String> KNOWN = java.util.Set.of("displayName", "attack", "eps", "options", "gate",
            "prompt", "index");

    private InvocationName() {}

    /** The pattern, or a configuration error naming the annotation and the unknown placeholder. */
    static String validated(String pattern, String where) {
        if (pattern == null || pattern.isBlank()) {
            throw new ExtensionConfigurationException(where + ": name must not be blank");
        }
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            if (!KNOWN.contains(matcher.group(1))) {
                throw new ExtensionConfigurationException(where + ": name has an unknown placeholder {" + matcher.group(1)
                        + "}; known: " + String.join(", ", KNOWN.stream().sorted().map(k -> "{" + k + "}").toList()));
            }
        }
        return pattern;
    }

    static String format(AttackCase attackCase, int index, String gate) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("displayName", attackCase.attack().displayName());
        values.put("attack", attackCase.attack().label());
        values.put("eps", EpsFormat.format(attackCase.attack().eps()));
        values.put("options", AttackOptionsText.format(attackCase.attack().options()));
        values.put("gate", gate);
        values.put("prompt", attackCase.prompt().isEmpty() ? "the set's prompt" : attackCase.prompt());
        values.put("index", Integer.toString(index));
        Matcher matcher = PLACEHOLDER.matcher(attackCase.namePattern());
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(name, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(name);
        return name.toString();
    }
}
