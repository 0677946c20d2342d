package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * CosPGD's loss (Agnihotri et al., ICML 2024), for one logit per pixel: BCE weighted by the
 * detached cosine similarity between the two-class probability vector {@code (1−p, p)} and the
 * one-hot target, so pixels the model still gets right weigh most.
 */
final class CosPgdLoss implements AttackLoss {

    @Override
    public String name() {
        return "COSPGD";
    }

    @Override
    public NDArray perSample(LossInput input) {
        NDArray p = Activation.sigmoid(input.pixelLogits().stopGradient());
        NDArray g = input.pixelTargets();
        NDArray q = p.neg().add(1);
        NDArray norm = q.square().add(p.square()).sqrt();
        NDArray agreement = g.mul(p).add(g.neg().add(1).mul(q));
        return input.pixelBce().mul(agreement.div(norm)).mean(LossInput.PIXELS);
    }
}
