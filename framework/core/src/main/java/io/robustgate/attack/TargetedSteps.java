package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * The loop the targeted attacks share: L∞ sign-gradient steps {@code x ← Π∞(x + α·sign(∇L))} on a
 * targeted loss, each sample stopping at the first iterate where its prediction reached the target
 * (DAG's rule, Xie et al. 2017: iterate until fewer than 1% of the target pixels are left to flip).
 * Samples with nothing to attack are returned clean; the batch stops when every sample is done.
 */
final class TargetedSteps {

    /** Whether each sample's prediction, from logits {@code [B,H,W]}, reached the target. */
    @FunctionalInterface
    interface Target {
        boolean[] reached(NDArray logits);
    }

    private TargetedSteps() {}

    /**
     * @param idle per sample, whether there is nothing to attack (returned clean, no step)
     */
    static NDArray run(AttackSpec spec, AttackObjective objective, NDArray clean, long[] sampleSeeds, AttackLoss loss,
            boolean[] idle, Target target) {
        NDManager manager = clean.getManager();
        int steps = spec.intOption("steps");
        int batch = idle.length;
        NDArray eps = ThreatModel.LINF.radius(spec.eps(), spec.space(), objective.network(), manager);
        NDArray alpha = ThreatModel.LINF.radius(spec.effectiveAlpha(), spec.space(), objective.network(), manager);
        boolean[] done = idle.clone();
        NDArray current = spec.booleanOption("randomStart")
                ? ThreatModel.LINF.randomStart(clean, eps, sampleSeeds) : clean.duplicate();
        current = keepWhere(done, clean, current);
        for (int step = 0; step < steps && !all(done); step++) {
            try (NDScope scope = new NDScope()) {
                AttackObjective.Evaluation evaluation = objective.evaluate(current, loss, step, steps);
                boolean[] reached = target.reached(evaluation.logits());
                for (int b = 0; b < batch; b++) {
                    done[b] |= reached[b];
                }
                if (all(done)) {
                    break;
                }
                NDArray stepped = ThreatModel.LINF.project(current.add(evaluation.gradient().sign().mul(alpha)), clean, eps);
                NDArray next = keepWhere(done, current, stepped);
                NDScope.unregister(next);
                stepped.close();
                current = next;
            }
        }
        eps.close();
        alpha.close();
        return current;
    }

    /** Predicted foreground pixels per sample of logits {@code [B,H,W]}. */
    static float[] foregroundArea(NDArray logits, float threshold) {
        return Activation.sigmoid(LossInput.flat(logits)).gt(threshold).toType(DataType.FLOAT32, false)
                .sum(LossInput.PIXELS).toFloatArray();
    }

    /** A new batch: {@code kept}'s sample where {@code keep} holds, {@code otherwise}'s elsewhere; {@code otherwise} is closed. */
    private static NDArray keepWhere(boolean[] keep, NDArray kept, NDArray otherwise) {
        float[] flags = new float[keep.length];
        for (int b = 0; b < keep.length; b++) {
            flags[b] = keep[b] ? 1 : 0;
        }
        try (NDScope scope = new NDScope()) {
            NDArray pick = kept.getManager().create(flags).reshape(keep.length, 1, 1, 1).eq(1).broadcast(kept.getShape());
            NDArray chosen = NDArrays.where(pick, kept, otherwise);
            NDScope.unregister(chosen);
            otherwise.close();
            return chosen;
        }
    }

    private static boolean all(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }
}
