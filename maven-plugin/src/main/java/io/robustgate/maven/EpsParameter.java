package io.robustgate.maven;

import io.robustgate.attack.EpsFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Reads budgets as people write them in a POM ({@code 2/255}, {@code 0.008}, or a comma-separated
 * list of either) and names the parameter when one is wrong, e.g. {@code attacks[1].eps: -1/255
 * is not a positive budget}. Upper bounds depend on the attack's threat model (an L2 radius may
 * exceed 1) and are checked with it.
 */
final class EpsParameter {

    private EpsParameter() {}

    /** One positive budget; {@code path} names the parameter in messages. */
    static float parse(String path, String text) throws MojoExecutionException {
        if (text == null || text.isBlank()) {
            throw new MojoExecutionException(path + " is missing: write a budget such as 2/255 or 0.008");
        }
        float eps;
        try {
            eps = EpsFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(path + ": " + e.getMessage());
        }
        if (!(eps > 0 && Float.isFinite(eps))) {
            throw new MojoExecutionException(path + ": " + text.trim() + " is not a positive budget");
        }
        return eps;
    }

    /** A comma-separated list of positive budgets, at least one. */
    static List<Float> parseList(String path, String text) throws MojoExecutionException {
        if (text == null || text.isBlank()) {
            throw new MojoExecutionException(path + " is missing: write one budget or a list, e.g. 1/255,2/255,4/255");
        }
        List<Float> budgets = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                throw new MojoExecutionException(path + ": '" + text + "' has an empty entry");
            }
            budgets.add(parse(path, part));
        }
        return budgets;
    }
}
