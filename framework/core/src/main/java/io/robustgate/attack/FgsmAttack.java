package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/** FGSM (Goodfellow et al. 2015): {@code x' = clamp(x + eps·sign(∇x L), 0, 1)}. */
final class FgsmAttack implements SingleGradientAttack {

    private final AttackSpec spec;

    FgsmAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public AttackLoss gradientLoss() {
        return spec.loss();
    }

    @Override
    public NDArray fromGradient(AttackObjective objective, NDArray clean, NDArray gradient) {
        try (NDScope scope = new NDScope()) {
            NDArray eps = Budget.perChannel(spec.eps(), spec.space(), objective.network(), clean.getManager());
            NDArray adversarial = clean.add(gradient.sign().mul(eps)).clip(0, 1);
            NDScope.unregister(adversarial);
            return adversarial;
        }
    }
}
