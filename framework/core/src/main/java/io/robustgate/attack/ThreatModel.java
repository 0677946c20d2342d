package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.robustgate.model.SegmentationNetwork;

/**
 * The set of perturbations an attack may use — a ball around the clean image, intersected with
 * the [0,1] pixel range — and how a gradient step moves inside it. An L2 attack is an L∞ attack
 * with another ball (Foolbox's split of attacks from threat models).
 */
public interface ThreatModel {

    ThreatModel LINF = new LinfBall();
    ThreatModel L2 = new L2Ball();
    /** No ball: a perturbation whose strength is not a radius (an image corruption); its only budget is 0. */
    ThreatModel NONE = new NoBudget();

    /** {@code Linf}, {@code L2} or {@code none}, as recorded in results. */
    String name();

    /** Refuses a radius this ball cannot have, e.g. an L∞ radius above 1. */
    void validate(float eps, BudgetSpace space);

    /** The radius {@code eps} as an array broadcastable against {@code [B,C,H,W]}, in pixel units. */
    NDArray radius(float eps, BudgetSpace space, SegmentationNetwork network, NDManager manager);

    /** A random point of the ball around {@code clean}, clamped to [0,1], seeded per sample. */
    NDArray randomStart(NDArray clean, NDArray radius, long[] sampleSeeds);

    /** The steepest-ascent direction of unit size in this norm: {@code sign(g)} for L∞, {@code g/‖g‖₂} for L2. */
    NDArray ascent(NDArray gradient);

    /** The closest point of the ball to {@code candidate}, then clamped to [0,1]. */
    NDArray project(NDArray candidate, NDArray clean, NDArray radius);

    /** The size of a perturbation in this norm, per sample: what is compared with eps. */
    double size(float[] delta);
}
