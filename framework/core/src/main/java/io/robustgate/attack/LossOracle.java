package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/**
 * The view a score-based black-box attack gets: a loss per sample for any pixels, and nothing
 * else — no gradient. {@link AttackObjective} counts these queries.
 */
public interface LossOracle {

    /** The loss of each sample of {@code pixels}, shape {@code [B]}, without a gradient graph. */
    NDArray losses(NDArray pixels, AttackLoss loss);
}
