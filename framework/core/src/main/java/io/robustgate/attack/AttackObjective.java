package io.robustgate.attack;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import io.robustgate.model.SegmentationNetwork;

/**
 * What an attack maximises for one batch: the network with its prompts, the ground-truth masks
 * and the loss. Arrays it returns live in the manager of the pixels passed in.
 */
public final class AttackObjective {

    private static final Object GRADIENT_PASS = new Object();

    private final SegmentationNetwork network;
    private final NDArray inputIds;
    private final NDArray attentionMask;
    private final NDArray targets;
    private final AttackLoss loss;
    private final float threshold;

    /** Loss per sample, its input gradient, and the logits seen on the way (no graph attached). */
    public record Evaluation(NDArray losses, NDArray gradient, NDArray logits) {}

    public AttackObjective(SegmentationNetwork network, NDArray inputIds, NDArray attentionMask, NDArray targets,
            AttackLoss loss, float threshold) {
        this.network = network;
        this.threshold = threshold;
        this.inputIds = inputIds;
        this.attentionMask = attentionMask;
        this.targets = targets;
        this.loss = loss;
    }

    public SegmentationNetwork network() {
        return network;
    }

    public NDArray targets() {
        return targets;
    }

    /** Logits without building a graph. */
    public NDArray logits(NDArray pixels) {
        return network.logits(pixels, inputIds, attentionMask);
    }

    public NDArray losses(NDArray pixels) {
        return loss.perSample(logits(pixels), targets);
    }

    /** Dice of each sample's prediction {@code sigmoid(z) > threshold}, shape {@code [B]}. */
    public NDArray dice(NDArray logits) {
        return DiceArrays.dice(logits, targets, threshold);
    }

    /**
     * Gradient of the summed per-sample loss with respect to {@code pixels}, which stay untouched.
     * DJL allows one gradient collector per JVM at a time, so gradient passes of tests running in
     * parallel take turns here rather than fail.
     */
    public Evaluation evaluate(NDArray pixels) {
        synchronized (GRADIENT_PASS) {
            NDArray input = pixels.duplicate();
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits = network.logits(input, inputIds, attentionMask);
                NDArray losses = loss.perSample(logits, targets);
                collector.backward(losses.sum());
                return new Evaluation(losses.stopGradient(), input.getGradient().duplicate(), logits.stopGradient());
            }
        }
    }
}
