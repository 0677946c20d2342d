package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/** FGSM (Goodfellow et al. 2015): {@code x' = clamp(x + eps·sign(∇x L), 0, 1)}. */
final class FgsmAttack implements Attack {

    private final AttackSpec spec;

    FgsmAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        try (NDScope scope = new NDScope()) {
            NDArray eps = Budget.perChannel(spec.eps(), spec.space(), objective.network(), clean.getManager());
            NDArray gradient = objective.evaluate(clean, spec.loss(), 0, 1).gradient();
            NDArray adversarial = clean.add(gradient.sign().mul(eps)).clip(0, 1);
            NDScope.unregister(adversarial);
            return adversarial;
        }
    }
}
