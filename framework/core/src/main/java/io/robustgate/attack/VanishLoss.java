package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * The VANISH attack's targeted loss, after DAG (Xie et al., ICCV 2017): the target mask is all
 * background, and only the pixels still predicted foreground (the active target set, detached)
 * pull: {@code −(1/P) Σ_i [σ(z_i) > τ]·bce(z_i, 0)}. Maximising it lowers their logits; a pixel
 * that flipped to background stops pulling, so the gradient goes to the foreground that is left.
 * The truth mask plays no part: what vanishes is the lesion the model sees.
 */
final class VanishLoss implements AttackLoss {

    @Override
    public String name() {
        return "VANISH";
    }

    @Override
    public NDArray perSample(LossInput input) {
        NDArray z = input.pixelLogits();
        NDArray foreground = Activation.sigmoid(z.stopGradient()).gt(input.threshold()).toType(DataType.FLOAT32, false);
        return LossInput.bce(z, z.stopGradient().zerosLike()).mul(foreground).mean(LossInput.PIXELS).neg();
    }
}
