package io.robustgate.model;

import ai.djl.engine.Engine;

/**
 * Torch's global generator, which a model with a randomised defence draws from inside its forward
 * (a random resize-and-pad per pass, say). The evaluator seeds it before each batch, from the
 * evaluation's seed and the batch's samples, so that such a model's figures are a function of that
 * seed: the same in every run and process, whatever the batch order, and the same random draws at
 * the start of two attacks compared on one set. Models that draw nothing are unaffected.
 */
public final class ModelRandomness {

    private ModelRandomness() {}

    public static void seed(long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
