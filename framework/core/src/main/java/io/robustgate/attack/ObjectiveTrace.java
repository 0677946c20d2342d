package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an objective saw of its gradient passes, per sample, for the gradient-masking alarms: the
 * gradient at the start of every run (a run is a sequence of passes starting at step 0), and the
 * losses of each run's first steps. Only a handful of small per-sample arrays leave native memory.
 */
final class ObjectiveTrace {

    /** Passes whose losses are kept per run: enough to see a loss rise, few enough to cost nothing. */
    static final int WATCHED_STEPS = 5;

    private final List<Set<MaskingAlarm>> alarms = new ArrayList<>();
    private final List<float[]> runLosses = new ArrayList<>();

    ObjectiveTrace(int batchSize) {
        for (int i = 0; i < batchSize; i++) {
            alarms.add(EnumSet.noneOf(MaskingAlarm.class));
        }
    }

    void record(int step, NDArray losses, NDArray gradient) {
        if (step == 0) {
            closeRun();
            checkGradient(gradient);
        }
        if (step < WATCHED_STEPS && runLosses.size() == step) {
            runLosses.add(losses.toFloatArray());
        }
    }

    /** Per sample, the alarms raised so far (closing the current run). */
    List<Set<MaskingAlarm>> alarms() {
        closeRun();
        List<Set<MaskingAlarm>> copy = new ArrayList<>();
        alarms.forEach(a -> copy.add(EnumSet.copyOf(a)));
        return copy;
    }

    private void checkGradient(NDArray gradient) {
        long batch = gradient.getShape().get(0);
        float[] largest = gradient.reshape(batch, -1).abs().max(new int[] {1}).toFloatArray();
        for (int i = 0; i < largest.length; i++) {
            if (!Float.isFinite(largest[i])) {
                alarms.get(i).add(MaskingAlarm.NONFINITE_GRADIENT);
            } else if (largest[i] == 0) {
                alarms.get(i).add(MaskingAlarm.ZERO_GRADIENT);
            }
        }
    }

    private void closeRun() {
        if (runLosses.size() >= 2) {
            float[] first = runLosses.get(0);
            for (int i = 0; i < first.length; i++) {
                float best = Float.NEGATIVE_INFINITY;
                for (int step = 1; step < runLosses.size(); step++) {
                    best = Math.max(best, runLosses.get(step)[i]);
                }
                if (!(best > first[i])) {
                    alarms.get(i).add(MaskingAlarm.LOSS_NOT_RISING);
                }
            }
        }
        runLosses.clear();
    }
}
