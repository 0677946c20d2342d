package io.robustgate.maven;

import io.robustgate.gate.GateRule;
import io.robustgate.configuration.OptionMap;
import io.robustgate.configuration.RuleOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One {@code <rule>} of {@code robustgate:check} and {@code robustgate:report}: the attack, an
 * optional budget (absent: every budget of that attack) and its limits: {@code <limits>} of
 * {@code <limit>} entries (metric, minimum, maximum) and {@code <limitsByName>} by limit name
 * ({@code <maxHd95>12.5</maxHd95>}); read by {@link RuleOptions}, the parser the YAML shares.
 */
public class RuleConfiguration {

    private String attack;
    private String eps;
    private List<LimitConfiguration> limits;
    private boolean failOnAlarms;
    private Map<String, String> limitsByName;

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

    /** {@code <limitsByName><minDice>0.80</minDice><maxHd95>12.5</maxHd95></limitsByName>}: any limit name. */
    public void setLimitsByName(Map<String, String> limitsByName) {
        this.limitsByName = limitsByName;
    }

    GateRule toRule(String path) throws MojoExecutionException {
        OptionMap rule = OptionMap.path(path).put("attack", attack).put("eps", eps);
        if (failOnAlarms) {
            rule.put("failOnAlarms", "true");
        }
        try {
            rule.putAll(limitsByName, "limitsByName.");
            List<OptionMap> entries = new ArrayList<>();
            for (int i = 0; limits != null && i < limits.size(); i++) {
                entries.add(limits.get(i).toOptions(rule, i));
            }
            return RuleOptions.parse(rule, entries);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
