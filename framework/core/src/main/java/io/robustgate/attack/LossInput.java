package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import io.robustgate.model.NativeCopy;

/**
 * What a loss sees at one step: logits {@code z [B,H,W]} (attached to the gradient graph), the
 * binary target {@code g [B,H,W]}, the prediction threshold, and the step {@code t} of {@code T}
 * (for schedules such as SegPGD's). Per-pixel helpers work on {@code [B, H·W]}.
 */
public record LossInput(NDArray logits, NDArray targets, float threshold, int step, int steps) {

    static final int[] PIXELS = {1};

    /** Logits as {@code [B, H·W]}. */
    public NDArray pixelLogits() {
        return flat(logits);
    }

    /** Targets as {@code [B, H·W]}. */
    public NDArray pixelTargets() {
        return flat(targets);
    }

    /** Per-pixel binary cross-entropy with logits, {@code [B, H·W]}: {@code max(z,0) − z·g + log(1 + e^−|z|)}. */
    public NDArray pixelBce() {
        return bce(pixelLogits(), pixelTargets());
    }

    /** 1 where the current prediction {@code σ(z) > threshold} equals the target, else 0; detached. */
    public NDArray correctPixels() {
        NDArray predicted = Activation.sigmoid(pixelLogits().stopGradient()).gt(threshold);
        NDArray truth = pixelTargets().gt(0.5f);
        return predicted.eq(truth).toType(DataType.FLOAT32, false);
    }

    /** Number of pixels per sample, {@code H·W}. */
    public long pixelCount() {
        return logits.getShape().size() / logits.getShape().get(0);
    }

    /**
     * A constant for a loss's arithmetic, allocated by libtorch. Use it rather than DJL's
     * {@code Number} overloads ({@code z.mul(2)}): those free their scalar when the operator
     * returns, while autograd may still read it in the backward pass ({@link NativeCopy#constant}).
     */
    public NDArray constant(float value) {
        return NativeCopy.constant(logits, value);
    }

    static NDArray bce(NDArray z, NDArray g) {
        NDArray softplusTail = z.abs().neg().exp().add(NativeCopy.constant(z, 1)).log();
        return z.maximum(NativeCopy.constant(z, 0)).sub(z.mul(g)).add(softplusTail);
    }

    /** {@code [B,H,W]} → {@code [B,H·W]}: DJL's PyTorch engine reduces over one axis at a time. */
    static NDArray flat(NDArray perPixel) {
        return perPixel.reshape(perPixel.getShape().get(0), -1);
    }
}
