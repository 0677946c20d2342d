package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/**
 * An attack whose only gradient is the one of {@link #gradientLoss()} at the clean image (FGSM).
 * That gradient does not depend on the budget, so an eps sweep computes it once per batch and
 * hands it to every budget's attack ({@code RobustnessEvaluator.sweep}).
 */
public interface SingleGradientAttack extends Attack {

    /** The loss whose input gradient at the clean image the attack uses. */
    AttackLoss gradientLoss();

    /** The adversarial pixels from the clean pixels and {@code gradient}, that loss's gradient there. */
    NDArray fromGradient(AttackObjective objective, NDArray clean, NDArray gradient);

    @Override
    default NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        return fromGradient(objective, clean, objective.evaluate(clean, gradientLoss(), 0, 1).gradient());
    }
}
