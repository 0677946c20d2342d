package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/** Batched Dice on native arrays, for choices made inside the attack loop. */
final class DiceArrays {

    private DiceArrays() {}

    /** {@code 2|P∩G|/(|P|+|G|)} per sample, 1 when both are empty. */
    static NDArray dice(NDArray logits, NDArray targets, float threshold) {
        NDArray predicted = Activation.sigmoid(LossInput.flat(logits)).gt(threshold).toType(DataType.FLOAT32, false);
        NDArray truth = LossInput.flat(targets);
        NDArray overlap = predicted.mul(truth).sum(LossInput.PIXELS).mul(2);
        NDArray total = predicted.sum(LossInput.PIXELS).add(truth.sum(LossInput.PIXELS));
        return NDArrays.where(total.eq(0), total.onesLike(), overlap.div(total.maximum(1)));
    }
}
