package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.robustgate.model.NativeCopy;
import io.robustgate.model.SegmentationNetwork;
import java.util.SplittableRandom;

/** {@code ‖δ‖∞ ≤ eps}: every pixel moves by at most eps (per channel {@code eps·std} in normalised units). */
final class LinfBall implements ThreatModel {

    @Override
    public String name() {
        return "Linf";
    }

    @Override
    public void validate(float eps, BudgetSpace space) {
        if (!(eps >= 0 && eps <= 1)) {
            throw new IllegalArgumentException("eps must lie in [0,1] but is " + eps);
        }
    }

    @Override
    public NDArray radius(float eps, BudgetSpace space, SegmentationNetwork network, NDManager manager) {
        return Budget.perChannel(eps, space, network, manager);
    }

    @Override
    public NDArray randomStart(NDArray clean, NDArray radius, long[] sampleSeeds) {
        Shape shape = clean.getShape();
        int perSample = (int) (shape.size() / shape.get(0));
        float[] noise = new float[(int) shape.size()];
        for (int i = 0; i < sampleSeeds.length; i++) {
            SplittableRandom random = new SplittableRandom(sampleSeeds[i]);
            for (int j = 0; j < perSample; j++) {
                noise[i * perSample + j] = (float) (2 * random.nextDouble() - 1);
            }
        }
        try (NDScope scope = new NDScope()) {
            NDArray start = clean.add(NativeCopy.of(clean.getManager(), noise, shape).mul(radius)).clip(0, 1);
            NDScope.unregister(start);
            return start;
        }
    }

    @Override
    public NDArray ascent(NDArray gradient) {
        return gradient.sign();
    }

    /** {@code clamp(clean + clamp(candidate − clean, −eps, eps), 0, 1)}. */
    @Override
    public NDArray project(NDArray candidate, NDArray clean, NDArray radius) {
        return Budget.project(candidate, clean, radius);
    }

    @Override
    public double size(float[] delta) {
        double max = 0;
        for (float d : delta) {
            max = Math.max(max, Math.abs(d));
        }
        return max;
    }
}
