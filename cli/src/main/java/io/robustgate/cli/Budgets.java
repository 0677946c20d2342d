package io.robustgate.cli;

import io.robustgate.attack.EpsFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Budgets as people write them in a configuration file: {@code 2/255}, {@code 0.008}, a
 * comma-separated string of either, or a YAML/JSON list. Upper bounds depend on the attack's
 * threat model (an L2 radius may exceed 1) and are checked with it, in {@link AttackEntry}.
 */
final class Budgets {

    private Budgets() {}

    /** One positive budget; the entry's path names it in messages. */
    static float one(ConfigNode entry) {
        return parse(entry, entry.scalar());
    }

    /** At least one budget, from a list or a comma-separated string. */
    static List<Float> list(ConfigNode entry) {
        List<Float> budgets = new ArrayList<>();
        if (entry.isList()) {
            for (ConfigNode item : entry.items()) {
                budgets.add(one(item));
            }
        } else {
            String text = entry.scalar();
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    throw entry.problem("'" + text + "' has an empty entry");
                }
                budgets.add(parse(entry, part));
            }
        }
        if (budgets.isEmpty()) {
            throw entry.problem("is empty: write one budget or a list, e.g. [1/255, 2/255]");
        }
        return budgets;
    }

    private static float parse(ConfigNode entry, String text) {
        if (text.isBlank()) {
            throw entry.problem("is empty: write a budget such as 2/255 or 0.008");
        }
        float eps;
        try {
            eps = EpsFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw entry.problem(e.getMessage());
        }
        if (!(eps > 0 && Float.isFinite(eps))) {
            throw entry.problem(text.trim() + " is not a positive budget");
        }
        return eps;
    }
}
