package io.robustgate.gate;

import io.robustgate.attack.AttackType;
import io.robustgate.attack.EpsFormat;
import io.robustgate.evaluation.RobustnessResult;
import java.util.List;

/**
 * Limits that apply to the results of one attack, at one budget or (with {@code eps == null}) at
 * every budget. The build-level counterpart of an {@code @AdversarialRobustness} annotation: it
 * does not run anything, it names which recorded results must meet which limits.
 */
public record GateRule(AttackType attack, Float eps, List<Limit> limits) {

    /**
     * Budgets are compared with a tolerance because {@code 2/255} reaches us through float
     * division in one place and a JSON decimal in another; one grey level is 0.0039.
     */
    public static final float EPS_TOLERANCE = 1e-6f;

    public GateRule {
        if (attack == null) {
            throw new IllegalArgumentException("a rule needs an attack (FGSM or PGD)");
        }
        if (eps != null && !(eps > 0 && eps <= 1)) {
            throw new IllegalArgumentException("rule eps " + eps + " is outside (0,1]");
        }
        if (limits == null || limits.isEmpty()) {
            throw new IllegalArgumentException("rule for " + attack + " has no limits");
        }
        limits = List.copyOf(limits);
    }

    public boolean matches(RobustnessResult result) {
        return result.attack().type() == attack
                && (eps == null || Math.abs(result.attack().eps() - eps) <= EPS_TOLERANCE);
    }

    /** E.g. {@code PGD eps=2/255}, or {@code FGSM (every eps)}. */
    public String displayName() {
        return eps == null ? attack + " (every eps)" : attack + " eps=" + EpsFormat.format(eps);
    }
}
