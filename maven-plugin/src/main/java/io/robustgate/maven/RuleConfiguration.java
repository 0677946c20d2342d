package io.robustgate.maven;

import io.robustgate.gate.GateRule;
import io.robustgate.gate.Limit;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One {@code <rule>} of {@code robustgate:check} and {@code robustgate:report}: the attack, an
 * optional budget (absent: every budget of that attack) and its limits.
 */
public class RuleConfiguration {

    private String attack;
    private String eps;
    private List<LimitConfiguration> limits;
    private boolean failOnAlarms;

    public void setAttack(String attack) {
        this.attack = attack;
    }

    public void setEps(String eps) {
        this.eps = eps;
    }

    public void setLimits(List<LimitConfiguration> limits) {
        this.limits = limits;
    }

    /** A gradient-masking alarm on a matched result fails the rule too (default: only reported). */
    public void setFailOnAlarms(boolean failOnAlarms) {
        this.failOnAlarms = failOnAlarms;
    }

    GateRule toRule(String path) throws MojoExecutionException {
        if (attack == null || attack.isBlank()) {
            throw new MojoExecutionException(path + ".attack is missing: name the attack the rule gates, e.g. <attack>PGD</attack>");
        }
        Float budget = eps == null || eps.isBlank() ? null : EpsParameter.parse(path + ".eps", eps);
        if (limits == null || limits.isEmpty()) {
            throw new MojoExecutionException(path + ".limits: a rule needs at least one <limit>");
        }
        List<Limit> converted = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            converted.add(limits.get(i).toLimit(path + ".limits[" + i + "]"));
        }
        try {
            return new GateRule(attack.trim(), budget, converted, failOnAlarms);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(path + ": " + e.getMessage(), e);
        }
    }
}
