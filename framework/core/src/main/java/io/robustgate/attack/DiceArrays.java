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

    /**
     * The same Dice in double precision, as the evaluator's {@code Overlap} computes it from pixel
     * counts: for values that are recorded and compared with the evaluator's, where a float32
     * quotient would differ in the last bits.
     */
    static double[] exactDice(NDArray logits, NDArray targets, float threshold) {
        NDArray predicted = Activation.sigmoid(LossInput.flat(logits)).gt(threshold).toType(DataType.FLOAT32, false);
        NDArray truth = LossInput.flat(targets).gt(0.5f).toType(DataType.FLOAT32, false);
        float[] both = predicted.mul(truth).sum(LossInput.PIXELS).toFloatArray();
        float[] predictedCount = predicted.sum(LossInput.PIXELS).toFloatArray();
        float[] truthCount = truth.sum(LossInput.PIXELS).toFloatArray();
        double[] dice = new double[both.length];
        for (int i = 0; i < dice.length; i++) {
            long total = (long) predictedCount[i] + (long) truthCount[i];
            dice[i] = total == 0 ? 1.0 : 2.0 * (long) both[i] / total;
        }
        return dice;
    }
}
