package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/**
 * SegPGD's loss (Gu et al., ECCV 2022): {@code (1/P)[(1−λ_t)Σ_correct bce + λ_t Σ_wrong bce]} with
 * {@code λ_t = t/(2T)}. Early steps push the pixels still correct; later ones keep the flipped
 * pixels from flipping back.
 */
final class SegPgdLoss implements AttackLoss {

    @Override
    public String name() {
        return "SEGPGD";
    }

    @Override
    public NDArray perSample(LossInput input) {
        float lambda = input.step() / (2f * input.steps());
        NDArray correct = input.correctPixels();
        NDArray weights = correct.mul(1 - lambda).add(correct.neg().add(1).mul(lambda));
        return input.pixelBce().mul(weights).mean(LossInput.PIXELS);
    }
}
