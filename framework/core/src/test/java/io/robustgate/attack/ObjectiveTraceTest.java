package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-sample observations behind the gradient-masking alarms, on hand-made gradients and losses. */
class ObjectiveTraceTest {

    @Test
    void flagsZeroAndNonFiniteGradientsAndLossesThatDoNotRise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveTrace trace = new ObjectiveTrace(3);
            float[] gradient = new float[3 * 4];
            gradient[8] = 0.5f; // sample 2 has a usable gradient, sample 0 none at all
            gradient[4] = Float.NaN; // sample 1 a broken one
            float[] dice = {0.8f, 0.8f, 0.8f};
            trace.record(0, manager.create(new float[] {1f, 1f, 1f}), manager.create(gradient, new Shape(3, 1, 2, 2)),
                    manager.create(dice));
            trace.record(1, manager.create(new float[] {0.9f, 1.5f, 1.2f}), manager.create(new float[12], new Shape(3, 1, 2, 2)),
                    manager.create(dice));
            trace.record(2, manager.create(new float[] {1f, 1.6f, 1.3f}), manager.create(new float[12], new Shape(3, 1, 2, 2)),
                    manager.create(dice));
            List<Set<MaskingAlarm>> alarms = trace.alarms();
            assertEquals(Set.of(MaskingAlarm.ZERO_GRADIENT, MaskingAlarm.LOSS_NOT_RISING), alarms.get(0));
            assertEquals(Set.of(MaskingAlarm.NONFINITE_GRADIENT), alarms.get(1));
            assertEquals(Set.of(), alarms.get(2));
        }
    }

    @Test
    void aFallingDiceIsProgressEvenWhenTheLossFalls() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveTrace trace = new ObjectiveTrace(1);
            float[] gradient = {1f};
            trace.record(0, manager.create(new float[] {0.5f}), manager.create(gradient, new Shape(1, 1, 1, 1)),
                    manager.create(new float[] {0.9f}));
            trace.record(1, manager.create(new float[] {0.4f}), manager.create(gradient, new Shape(1, 1, 1, 1)),
                    manager.create(new float[] {0.6f}));
            assertEquals(Set.of(), trace.alarms().get(0), "a masked loss shrinks as the attack flips pixels");
        }
    }

    @Test
    void aSingleStepRunNeverCountsAsNotRising() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveTrace trace = new ObjectiveTrace(1);
            trace.record(0, manager.create(new float[] {1f}), manager.create(new float[] {1f}, new Shape(1, 1, 1, 1)),
                    manager.create(new float[] {0.9f}));
            trace.record(0, manager.create(new float[] {0.5f}), manager.create(new float[] {1f}, new Shape(1, 1, 1, 1)),
                    manager.create(new float[] {0.9f}));
            assertEquals(Set.of(), trace.alarms().get(0), "two runs of one step each, as FGSM sweeps make");
        }
    }
}
