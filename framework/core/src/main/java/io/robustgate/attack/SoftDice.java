package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** {@code softDice = 1 − (2Σpg+1)/(Σp+Σg+1)} on sigmoid probabilities, per sample: shared by two losses. */
final class SoftDice {

    private SoftDice() {}

    static NDArray of(NDArray pixelLogits, NDArray pixelTargets) {
        NDArray p = Activation.sigmoid(pixelLogits);
        NDArray overlap = p.mul(pixelTargets).sum(LossInput.PIXELS).mul(2).add(1);
        NDArray total = p.sum(LossInput.PIXELS).add(pixelTargets.sum(LossInput.PIXELS)).add(1);
        return overlap.div(total).neg().add(1);
    }
}
