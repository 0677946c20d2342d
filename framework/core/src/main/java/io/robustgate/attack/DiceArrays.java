package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/** Batched Dice on native arrays, for choices made inside the attack loop. */
final class DiceArrays {

    private static final int[] PIXEL_AXES = {1, 2};

    private DiceArrays() {}

    /** {@code 2|P∩G|/(|P|+|G|)} per sample, 1 when both are empty. */
    static NDArray dice(NDArray logits, NDArray targets, float threshold) {
        NDArray predicted = Activation.sigmoid(logits).gt(threshold).toType(DataType.FLOAT32, false);
        NDArray overlap = predicted.mul(targets).sum(PIXEL_AXES).mul(2);
        NDArray total = predicted.sum(PIXEL_AXES).add(targets.sum(PIXEL_AXES));
        return NDArrays.where(total.eq(0), total.onesLike(), overlap.div(total.maximum(1)));
    }
}
