package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/**
 * {@code 1.5·softDice + 1.0·BCE}: the loss CLIPSeg is fine-tuned with in VLSM-Adapter, with
 * smoothing 1, so the attack pushes against what the model was trained on.
 */
final class DiceBceLoss implements AttackLoss {

    @Override
    public String name() {
        return "DICE_BCE";
    }

    @Override
    public NDArray perSample(LossInput input) {
        NDArray z = input.pixelLogits();
        NDArray g = input.pixelTargets();
        return SoftDice.of(z, g).mul(input.constant(1.5f)).add(LossInput.bce(z, g).mean(LossInput.PIXELS));
    }
}
