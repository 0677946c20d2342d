package io.robustgate.maven;

import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.BudgetSpace;
import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.CriticalThreshold;
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
 *
 * <p>The analyses around the attack are elements of their own: {@code <promptTransfer>true</promptTransfer>},
 * {@code <criticalDice>0.5</criticalDice>} or {@code <criticalFraction>0.5</criticalFraction>} with
 * {@code <criticalStep>0.5/255</criticalStep>}, and {@code <curvePoints>8</curvePoints>}.
 */
public class AttackConfiguration {

    private String type;
    private String eps;
    private Map<String, String> options;
    private final Map<String, String> shorthand = new LinkedHashMap<>();
    private String promptTransfer;
    private String criticalDice;
    private String criticalFraction;
    private String criticalStep;
    private String curvePoints;

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

    public void setPromptTransfer(String promptTransfer) {
        this.promptTransfer = promptTransfer;
    }

    public void setCriticalDice(String criticalDice) {
        this.criticalDice = criticalDice;
    }

    public void setCriticalFraction(String criticalFraction) {
        this.criticalFraction = criticalFraction;
    }

    public void setCriticalStep(String criticalStep) {
        this.criticalStep = criticalStep;
    }

    public void setCurvePoints(String curvePoints) {
        this.curvePoints = curvePoints;
    }

    /** What is measured around the attack at each of its budgets; {@code path} prefixes every message. */
    Analyses toAnalyses(String path) throws MojoExecutionException {
        if (present(criticalDice) && present(criticalFraction)) {
            throw new MojoExecutionException(path + ": give <criticalDice> (an absolute Dice) or <criticalFraction> "
                    + "(of the clean Dice), not both");
        }
        try {
            CriticalThreshold critical = present(criticalDice)
                    ? CriticalThreshold.absolute(number(path + ".criticalDice", criticalDice))
                    : present(criticalFraction)
                            ? CriticalThreshold.fractionOfClean(number(path + ".criticalFraction", criticalFraction))
                            : null;
            float step = present(criticalStep) ? EpsParameter.parse(path + ".criticalStep", criticalStep)
                    : Analyses.DEFAULT_CRITICAL_STEP;
            int points = 0;
            if (present(curvePoints)) {
                try {
                    points = Integer.parseInt(curvePoints.trim());
                } catch (NumberFormatException e) {
                    throw new MojoExecutionException(path + ".curvePoints: '" + curvePoints.trim() + "' is not a whole number");
                }
            }
            boolean transfer = false;
            if (present(promptTransfer)) {
                String text = promptTransfer.trim();
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new MojoExecutionException(path + ".promptTransfer: '" + text + "' is not true or false");
                }
                transfer = Boolean.parseBoolean(text);
            }
            return new Analyses(transfer, critical, step, points);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(path + ": " + e.getMessage(), e);
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static double number(String path, String text) throws MojoExecutionException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new MojoExecutionException(path + ": '" + text.trim() + "' is not a number");
        }
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
