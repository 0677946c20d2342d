package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.robustgate.model.NativeCopy;

/** {@code softDice = 1 − (2Σpg+1)/(Σp+Σg+1)} on sigmoid probabilities, per sample: shared by two losses. */
final class SoftDice {

    private SoftDice() {}

    static NDArray of(NDArray pixelLogits, NDArray pixelTargets) {
        NDArray p = Activation.sigmoid(pixelLogits);
        NDArray one = NativeCopy.constant(p, 1);
        NDArray overlap = p.mul(pixelTargets).sum(LossInput.PIXELS).mul(NativeCopy.constant(p, 2)).add(one);
        NDArray total = p.sum(LossInput.PIXELS).add(pixelTargets.sum(LossInput.PIXELS)).add(one);
        return overlap.div(total).neg().add(one);
    }
}
