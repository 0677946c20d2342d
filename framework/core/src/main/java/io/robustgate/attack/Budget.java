package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustgate.model.SegmentationNetwork;

/** A per-channel bound {@code [1,C,1,1]} in pixel units, from a value in the spec's budget space. */
final class Budget {

    private Budget() {}

    static NDArray perChannel(float value, BudgetSpace space, SegmentationNetwork network, NDManager manager) {
        int channels = network.image().channels();
        NDArray bound = manager.full(new Shape(1, channels, 1, 1), value);
        return space == BudgetSpace.NORMALIZED ? bound.mul(network.std()) : bound;
    }

    /** {@code clamp(clean + clamp(candidate − clean, −eps, eps), 0, 1)}. */
    static NDArray project(NDArray candidate, NDArray clean, NDArray eps) {
        NDArray delta = candidate.sub(clean).minimum(eps).maximum(eps.neg());
        return clean.add(delta).clip(0, 1);
    }
}
