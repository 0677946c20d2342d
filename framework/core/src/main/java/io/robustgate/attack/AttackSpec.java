package io.robustgate.attack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One attack configuration. {@code eps} and {@code alpha} are in [0,1] pixel units unless
 * {@code space} is {@link BudgetSpace#NORMALIZED}; {@code alpha} ≤ 0 means the default
 * {@code 2.5·eps/steps}, which lets PGD reach the edge of its budget.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttackSpec(
        AttackType type,
        float eps,
        int steps,
        float alpha,
        boolean randomStart,
        long seed,
        AttackLoss loss,
        BudgetSpace space,
        boolean keepBest) {

    public static final int DEFAULT_PGD_STEPS = 40;
    public static final long DEFAULT_SEED = 42L;

    public AttackSpec {
        if (type == null || loss == null || space == null) {
            throw new IllegalArgumentException("attack type, loss and budget space are required");
        }
        if (!(eps >= 0 && eps <= 1)) {
            throw new IllegalArgumentException("eps must lie in [0,1] but is " + eps);
        }
        if (type == AttackType.PGD && steps < 1) {
            throw new IllegalArgumentException("PGD needs at least one step but steps=" + steps);
        }
        if (Float.isNaN(alpha) || alpha > 1) {
            throw new IllegalArgumentException("alpha must be ≤ 1 (≤ 0 for the default) but is " + alpha);
        }
    }

    public static AttackSpec fgsm(float eps) {
        return new AttackSpec(AttackType.FGSM, eps, 1, 0, false, DEFAULT_SEED, AttackLoss.BCE, BudgetSpace.PIXEL, false);
    }

    public static AttackSpec pgd(float eps) {
        return new AttackSpec(AttackType.PGD, eps, DEFAULT_PGD_STEPS, 0, true, DEFAULT_SEED, AttackLoss.BCE,
                BudgetSpace.PIXEL, false);
    }

    /** The step size PGD uses. */
    @JsonProperty("effectiveAlpha")
    public float effectiveAlpha() {
        return alpha > 0 ? alpha : 2.5f * eps / steps;
    }

    public AttackSpec withEps(float value) {
        return new AttackSpec(type, value, steps, alpha, randomStart, seed, loss, space, keepBest);
    }

    public AttackSpec withSteps(int value) {
        return new AttackSpec(type, eps, value, alpha, randomStart, seed, loss, space, keepBest);
    }

    public AttackSpec withAlpha(float value) {
        return new AttackSpec(type, eps, steps, value, randomStart, seed, loss, space, keepBest);
    }

    public AttackSpec withRandomStart(boolean value) {
        return new AttackSpec(type, eps, steps, alpha, value, seed, loss, space, keepBest);
    }

    public AttackSpec withSeed(long value) {
        return new AttackSpec(type, eps, steps, alpha, randomStart, value, loss, space, keepBest);
    }

    public AttackSpec withLoss(AttackLoss value) {
        return new AttackSpec(type, eps, steps, alpha, randomStart, seed, value, space, keepBest);
    }

    public AttackSpec withSpace(BudgetSpace value) {
        return new AttackSpec(type, eps, steps, alpha, randomStart, seed, loss, value, keepBest);
    }

    public AttackSpec withKeepBest(boolean value) {
        return new AttackSpec(type, eps, steps, alpha, randomStart, seed, loss, space, value);
    }

    /** E.g. {@code PGD eps=2/255 steps=40} or {@code FGSM eps=0.01}. */
    @JsonProperty("displayName")
    public String displayName() {
        StringBuilder name = new StringBuilder(type.name()).append(" eps=").append(EpsFormat.format(eps));
        if (type == AttackType.PGD) {
            name.append(" steps=").append(steps);
        }
        if (space == BudgetSpace.NORMALIZED) {
            name.append(" (normalised)");
        }
        return name.toString();
    }
}
