package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * A lesion made to disappear (a false negative by design): L∞ projected sign-gradient steps on
 * {@link VanishLoss}, whose target mask is all background, iterated per sample until at most
 * {@code vanishShare} of the clean prediction's foreground is left — DAG's stopping rule (Xie et
 * al., ICCV 2017: iterate until fewer than 1% of the target pixels remain). A sample stays at the
 * first iterate that meets it; a sample whose clean prediction is already empty has nothing to
 * remove and is returned clean. The batch stops once every sample is done or after {@code steps}.
 */
final class VanishAttack implements TargetedAttack {

    private static final AttackLoss LOSS = new VanishLoss();

    private final AttackSpec spec;

    VanishAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        NDManager manager = clean.getManager();
        int steps = spec.intOption("steps");
        float share = spec.floatOption("vanishShare");
        int batch = (int) clean.getShape().get(0);
        NDArray eps = ThreatModel.LINF.radius(spec.eps(), spec.space(), objective.network(), manager);
        NDArray alpha = ThreatModel.LINF.radius(spec.effectiveAlpha(), spec.space(), objective.network(), manager);
        float[] cleanArea;
        try (NDScope scope = new NDScope()) {
            cleanArea = foregroundArea(objective.logits(clean), objective.threshold());
        }
        boolean[] done = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            done[b] = cleanArea[b] == 0;
        }
        NDArray current = spec.booleanOption("randomStart")
                ? ThreatModel.LINF.randomStart(clean, eps, sampleSeeds) : clean.duplicate();
        current = restore(current, clean, done);
        for (int step = 0; step < steps && !allDone(done); step++) {
            try (NDScope scope = new NDScope()) {
                AttackObjective.Evaluation evaluation = objective.evaluate(current, LOSS, step, steps);
                float[] area = foregroundArea(evaluation.logits(), objective.threshold());
                float[] moving = new float[batch];
                for (int b = 0; b < batch; b++) {
                    done[b] |= area[b] <= share * cleanArea[b];
                    moving[b] = done[b] ? 0 : 1;
                }
                if (allDone(done)) {
                    break;
                }
                NDArray stepped = ThreatModel.LINF.project(current.add(evaluation.gradient().sign().mul(alpha)), clean, eps);
                NDArray keep = manager.create(moving).reshape(batch, 1, 1, 1).eq(0).broadcast(current.getShape());
                NDArray next = NDArrays.where(keep, current, stepped);
                NDScope.unregister(next);
                current.close();
                current = next;
            }
        }
        eps.close();
        alpha.close();
        return current;
    }

    /** The random start undone for samples with nothing to remove: they are returned clean. */
    private static NDArray restore(NDArray start, NDArray clean, boolean[] done) {
        int batch = done.length;
        float[] keepClean = new float[batch];
        for (int b = 0; b < batch; b++) {
            keepClean[b] = done[b] ? 1 : 0;
        }
        try (NDScope scope = new NDScope()) {
            NDArray pick = clean.getManager().create(keepClean).reshape(batch, 1, 1, 1).eq(1).broadcast(clean.getShape());
            NDArray restored = NDArrays.where(pick, clean, start);
            NDScope.unregister(restored);
            start.close();
            return restored;
        }
    }

    /** Predicted foreground pixels per sample. */
    private static float[] foregroundArea(NDArray logits, float threshold) {
        return Activation.sigmoid(LossInput.flat(logits)).gt(threshold).toType(DataType.FLOAT32, false)
                .sum(LossInput.PIXELS).toFloatArray();
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }
}
