package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/** Binary cross-entropy with logits, mean over pixels: the loss of FGSM and PGD by default. */
final class BceLoss implements AttackLoss {

    @Override
    public String name() {
        return "BCE";
    }

    @Override
    public NDArray perSample(LossInput input) {
        return input.pixelBce().mean(LossInput.PIXELS);
    }
}
