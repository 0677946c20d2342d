package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * Projected gradient ascent in a threat model's ball (Madry et al. 2018): from a random start in
 * the ball (seeded per sample; optional), {@code steps} times {@code x ← Π(x + alpha·d(∇L_t(x)))}
 * with {@code d} the ball's ascent direction (sign for L∞, unit L2 gradient for L2) and {@code Π}
 * its projection, clamped to [0,1]. The loss may depend on the step (SegPGD). Returns the last
 * iterate, or per sample the iterate with the lowest Dice when {@code keepBest} is set. Every step
 * frees its native arrays. PGD, SegPGD, CosPGD and PGD-L2 are this loop with other losses and balls.
 */
final class PgdAttack implements Attack {

    private final AttackSpec spec;
    private final ThreatModel ball;
    private final AttackLoss loss;

    PgdAttack(AttackSpec spec, ThreatModel ball, AttackLoss loss) {
        this.spec = spec;
        this.ball = ball;
        this.loss = loss;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        NDManager manager = clean.getManager();
        int steps = spec.intOption("steps");
        objective.averageOver(CommonOptions.eot(spec));
        NDArray eps = ball.radius(spec.eps(), spec.space(), objective.network(), manager);
        NDArray alpha = ball.radius(spec.effectiveAlpha(), spec.space(), objective.network(), manager);
        NDArray current = spec.booleanOption("randomStart") ? ball.randomStart(clean, eps, sampleSeeds) : clean.duplicate();
        Best best = Boolean.TRUE.equals(spec.option("keepBest", false)) ? new Best(clean) : null;
        for (int step = 0; step < steps; step++) {
            try (NDScope scope = new NDScope()) {
                AttackObjective.Evaluation evaluation = objective.evaluate(current, loss, step, steps);
                if (best != null) {
                    best.offer(current, objective.dice(evaluation.logits()));
                }
                NDArray next = ball.project(current.add(ball.ascent(evaluation.gradient()).mul(alpha)), clean, eps);
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
