package io.robustgate.evaluation;

import io.robustgate.data.Sample;

/**
 * The pictures behind one sample's figures, kept for the worst samples only: pixels {@code [C,H,W]}
 * in [0,1], masks {@code [H,W]}.
 */
public record SampleArtifacts(
        Sample sample,
        int channels,
        int height,
        int width,
        float[] original,
        float[] adversarial,
        float[] truth,
        boolean[] cleanPrediction,
        boolean[] adversarialPrediction,
        double cleanDice,
        double adversarialDice) {}
