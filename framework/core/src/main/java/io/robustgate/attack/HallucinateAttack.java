package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.robustgate.model.NativeCopy;

/**
 * A lesion drawn where there is none (a false positive by design): {@link TargetedSteps} on
 * {@link TargetedBceLoss#hallucinate} towards foreground on a square away from the true mask
 * ({@link HallucinationTarget}, placed by the sample's seed), until at most {@code missingShare} of the
 * square is left to flip — DAG's rule. An image where no square fits away
 * from its mask is returned clean. The false-positive area it created is what results record.
 */
final class HallucinateAttack implements TargetedAttack {

    private final AttackSpec spec;

    HallucinateAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        NDArray targets = objective.targets();
        int batch = (int) targets.getShape().get(0);
        int height = (int) targets.getShape().get(1);
        int width = (int) targets.getShape().get(2);
        float[] truth = targets.toFloatArray();
        int pixels = height * width;
        float[] region = new float[batch * pixels];
        float[] regionArea = new float[batch];
        boolean[] idle = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            boolean[] mask = new boolean[pixels];
            for (int i = 0; i < pixels; i++) {
                mask[i] = truth[b * pixels + i] > 0.5f;
            }
            float[] square = HallucinationTarget.square(mask, height, width, sampleSeeds[b]);
            idle[b] = square == null;
            if (square != null) {
                System.arraycopy(square, 0, region, b * pixels, pixels);
                regionArea[b] = (float) HallucinationTarget.area(height, width);
            }
        }
        float share = spec.floatOption("missingShare");
        float threshold = objective.threshold();
        try (NDArray regionArray = NativeCopy.of(clean.getManager(), region, new Shape(batch, pixels))) {
            return TargetedSteps.run(spec, objective, clean, sampleSeeds, TargetedBceLoss.hallucinate(regionArray), idle, logits -> {
                float[] missing = Activation.sigmoid(LossInput.flat(logits)).lte(threshold).toType(DataType.FLOAT32, false)
                        .mul(regionArray).sum(LossInput.PIXELS).toFloatArray();
                boolean[] drawn = new boolean[batch];
                for (int b = 0; b < batch; b++) {
                    drawn[b] = missing[b] <= share * regionArea[b];
                }
                return drawn;
            });
        }
    }
}
