package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.robustgate.model.NativeCopy;

/**
 * APGD under L∞ (Croce &amp; Hein, ICML 2020), with AutoAttack's step-size rule: momentum 0.75,
 * first step 2ε, step halving at checkpoints when the loss rose on too few steps or the best loss
 * stalled, restarting from the best point. Needs no step size from the user, which is what makes
 * it a reliable default. Returns per sample the iterate with the lowest Dice. Exact definition:
 * {@code docs/attacks.md}.
 */
final class ApgdAttack implements Attack {

    static final float MOMENTUM = 0.75f;
    static final double RISE_SHARE = 0.75;

    private final AttackSpec spec;

    /** The adversarial batch and the step size each sample used at each iteration, {@code [N][B]}. */
    record Run(NDArray adversarial, float[][] stepSizes) {}

    ApgdAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        return attack(objective, clean, sampleSeeds).adversarial();
    }

    Run attack(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        int iterations = spec.intOption("steps");
        AttackLoss loss = spec.loss();
        objective.averageOver(CommonOptions.eot(spec));
        NDManager manager = clean.getManager();
        int batch = (int) clean.getShape().get(0);
        ThreatModel ball = ThreatModel.LINF;
        float[][] stepSizes = new float[iterations][batch];
        float[][] losses = new float[iterations + 1][];
        float[] scale = filled(batch, 2f);
        State state = new State();
        state.eps = ball.radius(spec.eps(), spec.space(), objective.network(), manager);
        state.x = spec.booleanOption("randomStart") ? ball.randomStart(clean, state.eps, sampleSeeds) : clean.duplicate();
        try (NDScope scope = new NDScope()) {
            AttackObjective.Evaluation start = objective.evaluate(state.x, loss, 0, iterations + 1);
            losses[0] = start.losses().toFloatArray();
            state.gradient = keep(start.gradient());
            state.best = keep(state.x.duplicate());
            state.bestDice = objective.dice(start.logits()).toFloatArray();
        }
        state.previous = state.x.duplicate();
        state.xMax = state.x.duplicate();
        state.gradientMax = state.gradient.duplicate();
        float[] lossMax = losses[0].clone();
        int interval = Math.max((int) (0.22 * iterations), 1);
        int decrement = Math.max((int) (0.03 * iterations), 1);
        int minimum = Math.max((int) (0.06 * iterations), 1);
        int counter = 0;
        boolean[] halvedAtLastCheck = filled(batch, true);
        float[] lossMaxAtLastCheck = lossMax.clone();
        for (int k = 0; k < iterations; k++) {
            for (int b = 0; b < batch; b++) {
                stepSizes[k][b] = scale[b] * spec.eps();
            }
            try (NDScope scope = new NDScope()) {
                float a = k == 0 ? 1f : MOMENTUM;
                NDArray eta = NativeCopy.of(manager, scale, new Shape(batch, 1, 1, 1)).mul(state.eps);
                NDArray z = ball.project(state.x.add(ball.ascent(state.gradient).mul(eta)), clean, state.eps);
                NDArray next = ball.project(state.x.add(z.sub(state.x).mul(a)).add(state.x.sub(state.previous).mul(1 - a)),
                        clean, state.eps);
                state.previous = replace(state.previous, keep(state.x));
                state.x = keep(next);
                AttackObjective.Evaluation evaluation = objective.evaluate(state.x, loss, k + 1, iterations + 1);
                losses[k + 1] = evaluation.losses().toFloatArray();
                state.gradient = replace(state.gradient, keep(evaluation.gradient()));
                boolean[] improved = new boolean[batch];
                for (int b = 0; b < batch; b++) {
                    improved[b] = losses[k + 1][b] > lossMax[b];
                    lossMax[b] = improved[b] ? losses[k + 1][b] : lossMax[b];
                }
                state.xMax = replace(state.xMax, keep(pick(improved, state.x, state.xMax)));
                state.gradientMax = replace(state.gradientMax, keep(pick(improved, state.gradient, state.gradientMax)));
                float[] dice = objective.dice(evaluation.logits()).toFloatArray();
                boolean[] lower = new boolean[batch];
                for (int b = 0; b < batch; b++) {
                    lower[b] = dice[b] < state.bestDice[b];
                    state.bestDice[b] = lower[b] ? dice[b] : state.bestDice[b];
                }
                state.best = replace(state.best, keep(pick(lower, state.x, state.best)));
                counter++;
                if (counter == interval) {
                    boolean[] halve = new boolean[batch];
                    for (int b = 0; b < batch; b++) {
                        int rises = 0;
                        for (int j = k - interval + 1; j <= k; j++) {
                            rises += losses[j + 1][b] > losses[j][b] ? 1 : 0;
                        }
                        boolean oscillating = rises <= RISE_SHARE * interval;
                        boolean stalled = !halvedAtLastCheck[b] && lossMaxAtLastCheck[b] >= lossMax[b];
                        halve[b] = oscillating || stalled;
                        scale[b] = halve[b] ? scale[b] / 2 : scale[b];
                    }
                    state.x = replace(state.x, keep(pick(halve, state.xMax, state.x)));
                    state.gradient = replace(state.gradient, keep(pick(halve, state.gradientMax, state.gradient)));
                    halvedAtLastCheck = halve;
                    lossMaxAtLastCheck = lossMax.clone();
                    interval = Math.max(interval - decrement, minimum);
                    counter = 0;
                }
            }
        }
        NDArray result = state.best;
        state.best = null;
        state.close();
        return new Run(result, stepSizes);
    }

    /** Per sample, {@code a} where {@code choose} is set, else {@code b}. */
    private static NDArray pick(boolean[] choose, NDArray a, NDArray b) {
        NDArray mask = NativeCopy.of(a.getManager(), choose).reshape(choose.length, 1, 1, 1).broadcast(a.getShape());
        return NDArrays.where(mask, a, b);
    }

    private static NDArray keep(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    private static NDArray replace(NDArray old, NDArray fresh) {
        if (old != fresh) {
            old.close();
        }
        return fresh;
    }

    private static float[] filled(int n, float value) {
        float[] values = new float[n];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static boolean[] filled(int n, boolean value) {
        boolean[] values = new boolean[n];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /** The native arrays that outlive one iteration, closed together. */
    private static final class State implements AutoCloseable {
        NDArray eps;
        NDArray x;
        NDArray previous;
        NDArray gradient;
        NDArray xMax;
        NDArray gradientMax;
        NDArray best;
        float[] bestDice;

        @Override
        public void close() {
            for (NDArray array : new NDArray[] {eps, x, previous, gradient, xMax, gradientMax, best}) {
                if (array != null) {
                    array.close();
                }
            }
        }
    }
}
