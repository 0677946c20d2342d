package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * DAG's targeted loss (Xie et al., ICCV 2017) for a binary mask: on a target region {@code R}, the
 * pixels whose prediction is not yet the target label {@code y} (the active target set, detached)
 * pull towards it, {@code −(1/P) Σ_{i∈R} [ŷ_i ≠ y]·bce(z_i, y)}; a pixel that flipped stops pulling,
 * so the gradient goes to those left. VANISH: {@code y = 0} on every pixel; HALLUCINATE: {@code y = 1}
 * on its square, other pixels unconstrained.
 */
final class TargetedBceLoss implements AttackLoss {

    private final String name;
    private final boolean foreground;
    /** {@code [B, H·W]} 0/1, or null for every pixel. */
    private final NDArray region;

    private TargetedBceLoss(String name, boolean foreground, NDArray region) {
        this.name = name;
        this.foreground = foreground;
        this.region = region;
    }

    /** Every pixel towards background. */
    static TargetedBceLoss vanish() {
        return new TargetedBceLoss("VANISH", false, null);
    }

    /** The pixels of {@code region} ({@code [B, H·W]}, one batch's) towards foreground. */
    static TargetedBceLoss hallucinate(NDArray region) {
        return new TargetedBceLoss("HALLUCINATE", true, region);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NDArray perSample(LossInput input) {
        NDArray z = input.pixelLogits();
        NDArray detached = z.stopGradient();
        NDArray predictedForeground = Activation.sigmoid(detached).gt(input.threshold());
        NDArray active = (foreground ? predictedForeground.logicalNot() : predictedForeground).toType(DataType.FLOAT32, false);
        if (region != null) {
            active = active.mul(region);
        }
        NDArray target = foreground ? detached.onesLike() : detached.zerosLike();
        return LossInput.bce(z, target).mul(active).mean(LossInput.PIXELS).neg();
    }
}
