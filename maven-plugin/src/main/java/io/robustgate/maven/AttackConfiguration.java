package io.robustgate.maven;

import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.BudgetSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One {@code <attack>} of {@code robustgate:evaluate}: a registered attack's {@code type}, one or more
 * budgets, and its options — in {@code <options>} by name, or as the shorthand elements
 * {@code <steps>}, {@code <alpha>}, {@code <randomStart>}, {@code <seed>}, {@code <loss>},
 * {@code <space>}, {@code <keepBest>}, which are the same options. Values are kept as text so a typo is
 * reported with the parameter's path and what is accepted, not as a bare conversion error.
 */
public class AttackConfiguration {

    private String type;
    private String eps;
    private Map<String, String> options;
    private final Map<String, String> shorthand = new LinkedHashMap<>();

    public void setType(String type) {
        this.type = type;
    }

    public void setEps(String eps) {
        this.eps = eps;
    }

    /** {@code <options><steps>100</steps><loss>MASKED_BCE</loss></options>}. */
    public void setOptions(Map<String, String> options) {
        this.options = options;
    }

    public void setSteps(String steps) {
        shorthand.put("steps", steps);
    }

    public void setAlpha(String alpha) {
        shorthand.put("alpha", alpha);
    }

    public void setRandomStart(String randomStart) {
        shorthand.put("randomStart", randomStart);
    }

    public void setSeed(String seed) {
        shorthand.put("seed", seed);
    }

    public void setLoss(String loss) {
        shorthand.put("loss", loss);
    }

    public void setSpace(String space) {
        shorthand.put("space", space);
    }

    public void setKeepBest(String keepBest) {
        shorthand.put("keepBest", keepBest);
    }

    /** One spec per budget; {@code path} (e.g. {@code attacks[1]}) prefixes every message. */
    List<AttackSpec> toSpecs(String path) throws MojoExecutionException {
        if (type == null || type.isBlank()) {
            throw new MojoExecutionException(path + ".type is missing: name an attack, e.g. <type>APGD</type>");
        }
        List<Float> budgets = EpsParameter.parseList(path + ".eps", eps);
        Map<String, Object> all = new LinkedHashMap<>(shorthand);
        if (options != null) {
            for (Map.Entry<String, String> option : options.entrySet()) {
                if (all.put(option.getKey(), option.getValue()) != null) {
                    throw new MojoExecutionException(path + ": " + option.getKey()
                            + " is given both as <" + option.getKey() + "> and in <options>");
                }
            }
        }
        AttackDefinition definition;
        try {
            definition = AttackRegistry.current().require(type);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(path + ".type: " + e.getMessage(), e);
        }
        List<AttackSpec> specs = new ArrayList<>();
        for (float budget : budgets) {
            try {
                definition.threatModel().validate(budget, BudgetSpace.PIXEL);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(path + ".eps: " + definition.name() + ": " + e.getMessage(), e);
            }
            try {
                specs.add(AttackSpec.of(definition, budget, all));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(path + ": " + e.getMessage(), e);
            }
        }
        return specs;
    }
}
