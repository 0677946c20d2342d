package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/** A white-box attack on a batch of images in [0,1]. */
public interface Attack {

    /**
     * Returns adversarial pixels {@code [B,C,H,W]} in [0,1] within the budget around {@code clean},
     * which is never modified. {@code sampleSeeds} seed per-sample randomness, so a sample's result
     * does not depend on its batch.
     */
    NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds);

    static Attack of(AttackSpec spec) {
        return switch (spec.type()) {
            case FGSM -> new FgsmAttack(spec);
            case PGD -> new PgdAttack(spec);
        };
    }
}
