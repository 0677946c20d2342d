package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The loss an attack maximises, per sample, on logits {@code z [B,H,W]} and a binary target
 * {@code g [B,H,W]}. A batch's loss is the sum of its samples' losses, so a sample's gradient does
 * not depend on which other samples share its batch.
 */
public enum AttackLoss {
    /** Binary cross-entropy with logits, mean over pixels. */
    BCE {
        @Override
        public NDArray perSample(NDArray logits, NDArray target) {
            return bce(flat(logits), flat(target));
        }
    },
    /**
     * {@code 1.5·softDice + 1.0·BCE}: the loss CLIPSeg is fine-tuned with in VLSM-Adapter, here on
     * sigmoid probabilities with smoothing 1 ({@code softDice = 1 − (2Σpg+1)/(Σp+Σg+1)}).
     */
    DICE_BCE {
        @Override
        public NDArray perSample(NDArray logits, NDArray target) {
            NDArray z = flat(logits);
            NDArray g = flat(target);
            NDArray p = Activation.sigmoid(z);
            NDArray overlap = p.mul(g).sum(PIXELS).mul(2).add(1);
            NDArray total = p.sum(PIXELS).add(g.sum(PIXELS)).add(1);
            NDArray softDice = overlap.div(total).neg().add(1);
            return softDice.mul(1.5).add(bce(z, g));
        }
    };

    private static final int[] PIXELS = {1};

    /** Loss of each sample, shape {@code [B]}. */
    public abstract NDArray perSample(NDArray logits, NDArray target);

    /** The numerically stable form {@code max(z,0) − z·g + log(1 + e^−|z|)}, on {@code [B, pixels]}. */
    private static NDArray bce(NDArray z, NDArray g) {
        NDArray softplusTail = z.abs().neg().exp().add(1).log();
        return z.maximum(0).sub(z.mul(g)).add(softplusTail).mean(PIXELS);
    }

    /** {@code [B,H,W]} → {@code [B,H·W]}: DJL's PyTorch engine reduces over one axis at a time. */
    static NDArray flat(NDArray perPixel) {
        return perPixel.reshape(perPixel.getShape().get(0), -1);
    }
}
