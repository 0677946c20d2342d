package io.robustgate.maven;

import io.robustgate.attack.AttackLoss;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.AttackType;
import io.robustgate.attack.BudgetSpace;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One {@code <attack>} of {@code robustgate:evaluate}: a type and one or more budgets, plus the
 * optional attack settings. Values are kept as text so a typo is reported with the parameter's
 * path and the accepted values, not as a bare conversion error.
 */
public class AttackConfiguration {

    private String type;
    private String eps;
    private Integer steps;
    private String alpha;
    private Boolean randomStart;
    private Long seed;
    private String loss;
    private String space;
    private Boolean keepBest;

    public void setType(String type) {
        this.type = type;
    }

    public void setEps(String eps) {
        this.eps = eps;
    }

    public void setSteps(Integer steps) {
        this.steps = steps;
    }

    public void setAlpha(String alpha) {
        this.alpha = alpha;
    }

    public void setRandomStart(Boolean randomStart) {
        this.randomStart = randomStart;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public void setLoss(String loss) {
        this.loss = loss;
    }

    public void setSpace(String space) {
        this.space = space;
    }

    public void setKeepBest(Boolean keepBest) {
        this.keepBest = keepBest;
    }

    /** One spec per budget; {@code path} (e.g. {@code attacks[1]}) prefixes every message. */
    List<AttackSpec> toSpecs(String path) throws MojoExecutionException {
        AttackType attackType = ConfigurationEnums.parse(path + ".type", type, AttackType.class);
        List<Float> budgets = EpsParameter.parseList(path + ".eps", eps);
        AttackSpec base = attackType == AttackType.PGD ? AttackSpec.pgd(budgets.get(0)) : AttackSpec.fgsm(budgets.get(0));
        if (steps != null) {
            if (attackType == AttackType.FGSM && steps != 1) {
                throw new MojoExecutionException(path + ".steps: FGSM takes exactly one step; remove <steps> or use PGD");
            }
            if (steps < 1) {
                throw new MojoExecutionException(path + ".steps: must be at least 1 but is " + steps);
            }
            base = base.withSteps(steps);
        }
        if (alpha != null) {
            base = base.withAlpha(EpsParameter.parse(path + ".alpha", alpha));
        }
        if (randomStart != null) {
            base = base.withRandomStart(randomStart);
        }
        if (seed != null) {
            base = base.withSeed(seed);
        }
        if (loss != null) {
            base = base.withLoss(ConfigurationEnums.parse(path + ".loss", loss, AttackLoss.class));
        }
        if (space != null) {
            base = base.withSpace(ConfigurationEnums.parse(path + ".space", space, BudgetSpace.class));
        }
        if (keepBest != null) {
            base = base.withKeepBest(keepBest);
        }
        List<AttackSpec> specs = new ArrayList<>();
        for (float budget : budgets) {
            specs.add(base.withEps(budget));
        }
        return specs;
    }
}
