package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.robustgate.model.NativeCopy;
import java.util.SplittableRandom;

/**
 * Square Attack under L∞ (Andriushchenko et al., ECCV 2020): a score-based black-box random search
 * that sees only {@link LossOracle#losses}, never a gradient, so gradient masking cannot hide a
 * weakness from it. From vertical stripes of ±eps (one sign per column and channel), each iteration
 * sets a random square window of the perturbation to a random ±eps per channel and keeps it for the
 * samples whose loss rose. Every sample draws its stripes and squares from its own seed, so its
 * result does not depend on its batch. {@code queries} loss evaluations per sample in all: one for
 * the stripes, one per iteration.
 */
final class SquareAttack implements Attack {

    private final AttackSpec spec;

    SquareAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        return search(objective, clean, sampleSeeds);
    }

    /** The search itself, against the loss alone: the signature keeps gradients out of reach. */
    NDArray search(LossOracle oracle, NDArray clean, long[] sampleSeeds) {
        NDManager manager = clean.getManager();
        Shape shape = clean.getShape();
        if (spec.eps() == 0) {
            return clean.duplicate();
        }
        int batch = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int plane = height * width;
        int perSample = channels * plane;
        float eps = spec.eps();
        int queries = spec.intOption("queries");
        float pInit = spec.floatOption("pInit");
        AttackLoss loss = spec.loss();

        float[] x = clean.toFloatArray();
        SplittableRandom[] randoms = new SplittableRandom[batch];
        float[] best = new float[x.length];
        for (int b = 0; b < batch; b++) {
            randoms[b] = new SplittableRandom(sampleSeeds[b]);
            for (int c = 0; c < channels; c++) {
                for (int col = 0; col < width; col++) {
                    float sign = randoms[b].nextBoolean() ? eps : -eps;
                    for (int row = 0; row < height; row++) {
                        int i = b * perSample + c * plane + row * width + col;
                        best[i] = clamp01(x[i] + sign);
                    }
                }
            }
        }
        float[] bestLoss = lossesOf(oracle, manager, best, shape, loss);

        float[] candidate = best.clone();
        for (int iteration = 0; iteration < queries - 1; iteration++) {
            int side = squareSide(fraction(pInit, iteration, queries), height, width);
            for (int b = 0; b < batch; b++) {
                proposeSquare(randoms[b], x, best, candidate, b * perSample, channels, height, width, side, eps);
            }
            float[] candidateLoss = lossesOf(oracle, manager, candidate, shape, loss);
            for (int b = 0; b < batch; b++) {
                int from = b * perSample;
                if (candidateLoss[b] > bestLoss[b]) {
                    bestLoss[b] = candidateLoss[b];
                    System.arraycopy(candidate, from, best, from, perSample);
                } else {
                    System.arraycopy(best, from, candidate, from, perSample);
                }
            }
        }
        return NativeCopy.of(manager, best, shape);
    }

    /**
     * Sets one random {@code side×side} window of sample {@code offset}'s perturbation to ±eps per
     * channel. As in the paper's code, a draw that would leave the window unchanged (e.g. the same
     * signs again) is redrawn, so no query is wasted; a window pinned by [0,1] everywhere is kept.
     */
    private static void proposeSquare(SplittableRandom random, float[] x, float[] best, float[] candidate, int offset,
            int channels, int height, int width, int side, float eps) {
        int plane = height * width;
        int top = random.nextInt(Math.max(height - side, 1));
        int left = random.nextInt(Math.max(width - side, 1));
        for (int attempt = 0; attempt < 10; attempt++) {
            boolean changed = false;
            for (int c = 0; c < channels; c++) {
                float value = random.nextBoolean() ? eps : -eps;
                for (int row = top; row < top + side; row++) {
                    for (int col = left; col < left + side; col++) {
                        int i = offset + c * plane + row * width + col;
                        candidate[i] = clamp01(x[i] + value);
                        changed |= Math.abs(candidate[i] - best[i]) >= 1e-7f;
                    }
                }
            }
            if (changed) {
                return;
            }
        }
    }

    /**
     * The share {@code p} of pixels the square covers at {@code iteration}: {@code pInit} halved at
     * iterations 10, 50, 200, 500, 1000, 2000, 4000, 6000 and 8000 of 10,000, rescaled to the query
     * budget as the paper's code does ({@code it = ⌊iteration/queries·10000⌋}).
     */
    static float fraction(float pInit, int iteration, int queries) {
        int it = (int) ((double) iteration / queries * 10000);
        int[] halvings = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
        float p = pInit;
        for (int boundary : halvings) {
            if (it > boundary) {
                p /= 2;
            }
        }
        return p;
    }

    /** {@code round(sqrt(p·H·W))}, at least 1 and below the shorter image side (the paper's {@code h−1}). */
    static int squareSide(float p, int height, int width) {
        int side = (int) Math.round(Math.sqrt(p * height * width));
        return Math.max(Math.min(side, Math.min(height, width) - 1), 1);
    }

    /** One query; the scope frees everything the forward pass allocated, or a long search fills native memory. */
    private static float[] lossesOf(LossOracle oracle, NDManager manager, float[] pixels, Shape shape, AttackLoss loss) {
        try (NDScope scope = new NDScope()) {
            return oracle.losses(NativeCopy.of(manager, pixels, shape), loss).toFloatArray();
        }
    }

    private static float clamp01(float value) {
        return Math.min(Math.max(value, 0f), 1f);
    }
}
