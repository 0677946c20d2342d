package io.robustgate.attack;

import java.util.List;

/**
 * What fitting a universal perturbation produced: the one {@code δ} (shape {@code [C,H,W]}, at model
 * resolution, pixel units) added to every image, and the mean fitting loss over the fitting samples
 * at the start of each epoch.
 */
public record UniversalPerturbation(int channels, int height, int width, float[] delta, List<Double> lossPerEpoch) {

    public UniversalPerturbation {
        if (delta.length != channels * height * width) {
            throw new IllegalArgumentException("δ has " + delta.length + " values, not " + channels + "×" + height + "×" + width);
        }
        delta = delta.clone();
        lossPerEpoch = List.copyOf(lossPerEpoch);
    }

    @Override
    public float[] delta() {
        return delta.clone();
    }

    /** The largest {@code |δ|}: what is compared with eps. */
    public float linf() {
        float max = 0;
        for (float d : delta) {
            max = Math.max(max, Math.abs(d));
        }
        return max;
    }
}
