package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/**
 * An attack on a batch of images in [0,1]. It sees the model only through the
 * {@link AttackObjective} (losses, gradients, logits), never its internals.
 */
public interface Attack {

    /**
     * Returns adversarial pixels {@code [B,C,H,W]} in [0,1] within the budget around {@code clean},
     * which is never modified. {@code sampleSeeds} seed per-sample randomness, so a sample's result
     * does not depend on its batch.
     */
    NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds);

    /** {@link #perturb} with what the attack has to say about each sample; composite attacks override it. */
    default AttackOutcome run(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        return AttackOutcome.of(perturb(objective, clean, sampleSeeds));
    }

    /** The attack a spec describes, from the registry of the current context class loader. */
    static Attack of(AttackSpec spec) {
        AttackDefinition definition = AttackRegistry.current().require(spec.name());
        return definition.create(spec);
    }
}
