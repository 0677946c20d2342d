package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/** Soft Dice alone: pushes the overlap the gate measures directly rather than every pixel's confidence. */
final class SoftDiceLoss implements AttackLoss {

    @Override
    public String name() {
        return "SOFT_DICE";
    }

    @Override
    public NDArray perSample(LossInput input) {
        return SoftDice.of(input.pixelLogits(), input.pixelTargets());
    }
}
