package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/**
 * BCE summed over the currently correct pixels only, divided by all pixels (the masked
 * cross-entropy of Croce, Singh &amp; Hein 2024): once a pixel is flipped it stops pulling the
 * gradient, which goes to the pixels still to flip.
 */
final class MaskedBceLoss implements AttackLoss {

    @Override
    public String name() {
        return "MASKED_BCE";
    }

    @Override
    public NDArray perSample(LossInput input) {
        return input.pixelBce().mul(input.correctPixels()).mean(LossInput.PIXELS);
    }
}
