package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.robustgate.model.NativeCopy;
import io.robustgate.model.SegmentationNetwork;
import java.util.SplittableRandom;

/**
 * {@code ‖δ‖₂ ≤ eps} over all {@code C·H·W} values of a sample, in [0,1] pixel units; the radius may
 * exceed 1 (one grey level on every value of a 160×160×3 image is already 1.09).
 */
final class L2Ball implements ThreatModel {

    private static final float TINY = 1e-12f;

    @Override
    public String name() {
        return "L2";
    }

    @Override
    public void validate(float eps, BudgetSpace space) {
        if (!(eps >= 0 && Float.isFinite(eps))) {
            throw new IllegalArgumentException("an L2 radius must be finite and ≥ 0 but is " + eps);
        }
        if (space != BudgetSpace.PIXEL) {
            throw new IllegalArgumentException("L2 budgets are in [0,1] pixel units only");
        }
    }

    @Override
    public NDArray radius(float eps, BudgetSpace space, SegmentationNetwork network, NDManager manager) {
        return NativeCopy.of(manager, new float[] {eps}, new Shape(1, 1, 1, 1));
    }

    /** Uniform in the ball: a Gaussian direction scaled to {@code eps·r^(1/d)}, {@code r ~ U(0,1)}. */
    @Override
    public NDArray randomStart(NDArray clean, NDArray radius, long[] sampleSeeds) {
        Shape shape = clean.getShape();
        int perSample = (int) (shape.size() / shape.get(0));
        float eps = radius.getFloat(0, 0, 0, 0);
        float[] noise = new float[(int) shape.size()];
        for (int i = 0; i < sampleSeeds.length; i++) {
            SplittableRandom random = new SplittableRandom(sampleSeeds[i]);
            double norm = 0;
            for (int j = 0; j < perSample; j++) {
                double n = random.nextGaussian();
                noise[i * perSample + j] = (float) n;
                norm += n * n;
            }
            double scale = eps * Math.pow(random.nextDouble(), 1.0 / perSample) / Math.max(Math.sqrt(norm), TINY);
            for (int j = 0; j < perSample; j++) {
                noise[i * perSample + j] *= (float) scale;
            }
        }
        try (NDScope scope = new NDScope()) {
            NDArray start = clean.add(NativeCopy.of(clean.getManager(), noise, shape)).clip(0, 1);
            NDScope.unregister(start);
            return start;
        }
    }

    @Override
    public NDArray ascent(NDArray gradient) {
        return gradient.div(norms(gradient).maximum(TINY));
    }

    /** {@code clamp(clean + δ·min(1, eps/max(‖δ‖₂, 1e-12)), 0, 1)}, {@code δ = candidate − clean}. */
    @Override
    public NDArray project(NDArray candidate, NDArray clean, NDArray radius) {
        NDArray delta = candidate.sub(clean);
        NDArray factor = radius.div(norms(delta).maximum(TINY)).minimum(1f);
        return clean.add(delta.mul(factor)).clip(0, 1);
    }

    @Override
    public double size(float[] delta) {
        double sum = 0;
        for (float d : delta) {
            sum += (double) d * d;
        }
        return Math.sqrt(sum);
    }

    /** Per-sample L2 norms as {@code [B,1,1,1]}. */
    private static NDArray norms(NDArray values) {
        long batch = values.getShape().get(0);
        return values.reshape(batch, -1).square().sum(new int[] {1}).sqrt().reshape(batch, 1, 1, 1);
    }
}
