package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * A lesion made to disappear (a false negative by design): {@link TargetedSteps} on
 * {@link TargetedBceLoss#vanish()}, whose target mask is all background, until at most {@code vanishShare} of the
 * clean prediction's foreground is left — DAG's stopping rule (Xie et al., ICCV 2017: iterate until
 * fewer than 1% of the target pixels remain). A sample whose clean prediction is already empty has
 * nothing to remove and is returned clean.
 */
final class VanishAttack implements TargetedAttack {

    private static final AttackLoss LOSS = TargetedBceLoss.vanish();

    private final AttackSpec spec;

    VanishAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        float share = spec.floatOption("vanishShare");
        float threshold = objective.threshold();
        float[] cleanArea;
        try (NDScope scope = new NDScope()) {
            cleanArea = TargetedSteps.foregroundArea(objective.logits(clean), threshold);
        }
        boolean[] empty = new boolean[cleanArea.length];
        for (int b = 0; b < empty.length; b++) {
            empty[b] = cleanArea[b] == 0;
        }
        return TargetedSteps.run(spec, objective, clean, sampleSeeds, LOSS, empty, logits -> {
            float[] area = TargetedSteps.foregroundArea(logits, threshold);
            boolean[] vanished = new boolean[area.length];
            for (int b = 0; b < area.length; b++) {
                vanished[b] = area[b] <= share * cleanArea[b];
            }
            return vanished;
        });
    }
}
