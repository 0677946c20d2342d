package io.robustgate.gate;

import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.BudgetSpace;
import io.robustgate.attack.EpsFormat;
import io.robustgate.evaluation.RobustnessResult;
import java.util.List;

/**
 * Limits that apply to the results of one attack, at one budget or (with {@code eps == null}) at
 * every budget. The build-level counterpart of an {@code @AdversarialRobustness} annotation: it
 * does not run anything, it names which recorded results must meet which limits.
 *
 * @param attack the attack's registered name, matched case-insensitively
 * @param failOnAlarms whether a gradient-masking alarm on a matched result is a violation
 */
public record GateRule(String attack, Float eps, List<Limit> limits, boolean failOnAlarms) {

    /**
     * Budgets are compared with a tolerance because {@code 2/255} reaches us through float
     * division in one place and a JSON decimal in another; one grey level is 0.0039.
     */
    public static final float EPS_TOLERANCE = 1e-6f;

    public GateRule {
        if (attack == null || attack.isBlank()) {
            throw new IllegalArgumentException("a rule needs an attack, e.g. PGD or APGD");
        }
        attack = attack.trim();
        if (eps != null && !(eps > 0 && Float.isFinite(eps))) {
            throw new IllegalArgumentException("rule eps " + eps + " must be a positive budget");
        }
        if (eps != null) {
            // An L∞ budget above 1 can never have been run; an L2 radius may exceed 1.
            String name = attack;
            float budget = eps;
            AttackRegistry.current().find(name).ifPresent(d -> {
                try {
                    d.threatModel().validate(budget, BudgetSpace.PIXEL);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("rule for " + name + ": " + e.getMessage(), e);
                }
            });
        }
        if (limits == null || limits.isEmpty()) {
            throw new IllegalArgumentException("rule for " + attack + " has no limits");
        }
        limits = List.copyOf(limits);
    }

    public GateRule(String attack, Float eps, List<Limit> limits) {
        this(attack, eps, limits, false);
    }

    public boolean matches(RobustnessResult result) {
        return result.attack().name().equalsIgnoreCase(attack)
                && (eps == null || Math.abs(result.attack().eps() - eps) <= EPS_TOLERANCE);
    }

    /** E.g. {@code PGD eps=2/255}, or {@code FGSM (every eps)}; an attack without a budget by its name alone ({@code CORRUPTION}). */
    public String displayName() {
        if (eps == null && AttackRegistry.current().find(attack).map(d -> !d.hasBudget()).orElse(false)) {
            return attack + " (every result)";
        }
        return eps == null ? attack + " (every eps)" : attack + " eps=" + EpsFormat.format(eps);
    }
}
