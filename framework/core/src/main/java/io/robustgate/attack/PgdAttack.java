package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * PGD under L∞ (Madry et al. 2018): from a uniform random start in the eps-ball (seeded per
 * sample; optional), {@code steps} times {@code x ← clamp(x₀ + clamp(x + alpha·sign(∇L) − x₀, −eps,
 * eps), 0, 1)}. Returns the last iterate, or per sample the iterate with the lowest Dice when
 * {@code keepBest} is set. Every step frees its native arrays.
 */
public final class PgdAttack implements Attack {

    private final AttackSpec spec;

    public PgdAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        NDManager manager = clean.getManager();
        NDArray eps = Budget.perChannel(spec.eps(), spec.space(), objective.network(), manager);
        NDArray alpha = Budget.perChannel(spec.effectiveAlpha(), spec.space(), objective.network(), manager);
        NDArray current = spec.randomStart() ? randomStart(clean, eps, sampleSeeds) : clean.duplicate();
        Best best = spec.keepBest() ? new Best(clean) : null;
        for (int step = 0; step < spec.steps(); step++) {
            try (NDScope scope = new NDScope()) {
                AttackObjective.Evaluation evaluation = objective.evaluate(current);
                if (best != null) {
                    best.offer(current, objective.dice(evaluation.logits()));
                }
                NDArray next = Budget.project(current.add(evaluation.gradient().sign().mul(alpha)), clean, eps);
                NDScope.unregister(next);
                current.close();
                current = next;
            }
        }
        if (best != null) {
            try (NDScope scope = new NDScope()) {
                best.offer(current, objective.dice(objective.logits(current)));
            }
            current.close();
            current = best.iterate;
        }
        eps.close();
        alpha.close();
        return current;
    }

    private static NDArray randomStart(NDArray clean, NDArray eps, long[] sampleSeeds) {
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
            NDArray start = clean.add(clean.getManager().create(noise, shape).mul(eps)).clip(0, 1);
            NDScope.unregister(start);
            return start;
        }
    }

    /** The iterate with the lowest Dice so far, per sample. */
    private static final class Best {
        private NDArray iterate;
        private NDArray dice;

        Best(NDArray clean) {
            iterate = clean.duplicate();
            dice = clean.getManager().full(new Shape(clean.getShape().get(0)), Float.POSITIVE_INFINITY);
            NDScope.unregister(iterate, dice);
        }

        void offer(NDArray candidate, NDArray candidateDice) {
            NDArray better = candidateDice.lt(dice);
            NDArray pick = better.reshape(better.getShape().get(0), 1, 1, 1).broadcast(candidate.getShape());
            NDArray nextIterate = NDArrays.where(pick, candidate, iterate);
            NDArray nextDice = NDArrays.where(better, candidateDice, dice);
            NDScope.unregister(nextIterate, nextDice);
            iterate.close();
            dice.close();
            iterate = nextIterate;
            dice = nextDice;
        }
    }
}
