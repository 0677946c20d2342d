package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an objective saw of its gradient passes, per sample, for the gradient-masking alarms: the
 * gradient at the start of every run (a run is a sequence of passes starting at step 0), and the
 * losses and Dice of each run's first steps. Only a handful of small per-sample arrays leave native memory.
 */
final class ObjectiveTrace {

    /** Passes whose losses are kept per run: enough to see a loss rise, few enough to cost nothing. */
    static final int WATCHED_STEPS = 5;

    private final List<Set<MaskingAlarm>> alarms = new ArrayList<>();
    private final List<float[]> runLosses = new ArrayList<>();
    private final List<float[]> runDice = new ArrayList<>();
    /** Samples already at the floor when the current run started ({@link FloorExit}): nothing of theirs can rise or fall. */
    private boolean[] settledAtRunStart;

    ObjectiveTrace(int batchSize) {
        for (int i = 0; i < batchSize; i++) {
            alarms.add(EnumSet.noneOf(MaskingAlarm.class));
        }
    }

    /** Whether the pass at {@code step} is one whose losses and Dice are kept. */
    static boolean watched(int step) {
        return step < WATCHED_STEPS;
    }

    /** @param dice the pass's per-sample Dice, needed only for {@linkplain #watched watched} steps */
    void record(int step, NDArray losses, NDArray gradient, NDArray dice) {
        record(step, losses, gradient, dice, new boolean[alarms.size()]);
    }

    /**
     * @param settled per sample, whether it sat out this pass at the floor (its zero gradient and
     *     frozen loss say nothing about masking)
     */
    void record(int step, NDArray losses, NDArray gradient, NDArray dice, boolean[] settled) {
        if (step == 0) {
            closeRun();
            settledAtRunStart = settled.clone();
            checkGradient(gradient);
        }
        if (watched(step) && runLosses.size() == step) {
            runLosses.add(losses.toFloatArray());
            runDice.add(dice.toFloatArray());
        }
    }

    /** Per sample, the alarms raised so far (closing the current run). */
    List<Set<MaskingAlarm>> alarms() {
        closeRun();
        List<Set<MaskingAlarm>> copy = new ArrayList<>();
        alarms.forEach(a -> copy.add(EnumSet.copyOf(a)));
        return copy;
    }

    /**
     * Per sample, the largest gradient magnitude: 0 when a step cannot move the sample, NaN or
     * infinity (torch's max keeps a NaN) when the gradient is not finite somewhere.
     */
    static float[] largestMagnitudes(NDArray gradient) {
        long batch = gradient.getShape().get(0);
        return gradient.reshape(batch, -1).abs().max(new int[] {1}).toFloatArray();
    }

    private void checkGradient(NDArray gradient) {
        float[] largest = largestMagnitudes(gradient);
        for (int i = 0; i < largest.length; i++) {
            if (settledAtRunStart[i]) {
                continue;
            }
            if (!Float.isFinite(largest[i])) {
                alarms.get(i).add(MaskingAlarm.NONFINITE_GRADIENT);
            } else if (largest[i] == 0) {
                alarms.get(i).add(MaskingAlarm.ZERO_GRADIENT);
            }
        }
    }

    private void closeRun() {
        if (runLosses.size() >= 2) {
            float[] firstLoss = runLosses.get(0);
            float[] firstDice = runDice.get(0);
            for (int i = 0; i < firstLoss.length; i++) {
                if (settledAtRunStart[i] || firstDice[i] == 0) {
                    continue; // at the floor from the start: Dice cannot fall, and the loss is frozen
                }
                float highestLoss = Float.NEGATIVE_INFINITY;
                float lowestDice = Float.POSITIVE_INFINITY;
                for (int step = 1; step < runLosses.size(); step++) {
                    highestLoss = Math.max(highestLoss, runLosses.get(step)[i]);
                    lowestDice = Math.min(lowestDice, runDice.get(step)[i]);
                }
                if (!(highestLoss > firstLoss[i]) && !(lowestDice < firstDice[i])) {
                    alarms.get(i).add(MaskingAlarm.LOSS_NOT_RISING);
                }
            }
        }
        runLosses.clear();
        runDice.clear();
    }
}
