package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustgate.model.NativeCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A universal adversarial perturbation (Metzen et al. 2017, non-targeted form): one {@code δ} with
 * {@code ‖δ‖∞ ≤ eps}, at model resolution, that raises the loss of every image it is added to. It is
 * fitted by signed-gradient ascent with projection, {@code δ ← clamp(δ + step·sign(Σ_b ∇L_b), −eps, eps)},
 * one step per epoch on the gradient summed over all fitting samples (the paper's mini-batch is the
 * whole fitting set here, so δ does not depend on the evaluator's batch size), from a uniform random
 * start seeded by {@code seed}. Then every image becomes {@code clamp(x + δ, 0, 1)}.
 */
final class UniversalAttack implements SetLevelAttack {

    private final AttackSpec spec;
    private UniversalPerturbation fitted;

    UniversalAttack(AttackSpec spec) {
        this.spec = spec;
    }

    @Override
    public FitSamples fitSamples() {
        return new FitSamples(spec.textOption("fitSplit"), spec.floatOption("fitFraction"), spec.seed());
    }

    @Override
    public void fit(BatchSource batches) {
        int epochs = spec.intOption("epochs");
        float eps = spec.eps();
        float step = spec.floatOption("step") > 0 ? spec.floatOption("step") : 2.5f * eps / epochs;
        AttackLoss loss = spec.loss();
        float[][] delta = {null};
        int[] shape = new int[3];
        List<Double> lossPerEpoch = new ArrayList<>(epochs);
        for (int epoch = 0; epoch < epochs; epoch++) {
            final int current = epoch;
            double[][] gradientSum = {null};
            double[] lossSum = {0};
            int[] samples = {0};
            batches.forEachBatch((objective, clean) -> {
                if (delta[0] == null) {
                    shape[0] = (int) clean.getShape().get(1);
                    shape[1] = (int) clean.getShape().get(2);
                    shape[2] = (int) clean.getShape().get(3);
                    delta[0] = randomStart(shape[0] * shape[1] * shape[2], eps);
                }
                if (gradientSum[0] == null) {
                    gradientSum[0] = new double[delta[0].length];
                }
                try (NDArray perturbed = apply(clean, delta[0])) {
                    AttackObjective.Evaluation evaluation = objective.evaluate(perturbed, loss, current, epochs);
                    float[] gradient = evaluation.gradient().toFloatArray();
                    for (int i = 0; i < gradient.length; i++) {
                        gradientSum[0][i % delta[0].length] += gradient[i];
                    }
                    for (float sampleLoss : evaluation.losses().toFloatArray()) {
                        lossSum[0] += sampleLoss;
                        samples[0]++;
                    }
                    evaluation.losses().close();
                    evaluation.gradient().close();
                    evaluation.logits().close();
                }
            });
            if (samples[0] == 0) {
                throw new IllegalStateException(AttackNames.UNIVERSAL + " has no samples to fit on");
            }
            lossPerEpoch.add(lossSum[0] / samples[0]);
            for (int i = 0; i < delta[0].length; i++) {
                double ascended = delta[0][i] + step * Math.signum(gradientSum[0][i]);
                delta[0][i] = (float) Math.max(-eps, Math.min(eps, ascended));
            }
        }
        fitted = new UniversalPerturbation(shape[0], shape[1], shape[2], delta[0], lossPerEpoch);
    }

    /** {@code clamp(x + δ, 0, 1)} for every image of the batch: the same δ for all. */
    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        if (fitted == null) {
            throw new IllegalStateException(AttackNames.UNIVERSAL + " must be fitted on a set before it perturbs images");
        }
        return apply(clean, fitted.delta());
    }

    @Override
    public Optional<UniversalPerturbation> fitted() {
        return Optional.ofNullable(fitted);
    }

    private static NDArray apply(NDArray clean, float[] delta) {
        NDManager manager = clean.getManager();
        Shape image = clean.getShape().slice(1);
        try (NDArray perturbation = NativeCopy.of(manager, delta, image); NDArray sum = clean.add(perturbation)) {
            return sum.clip(0, 1);
        }
    }

    /** Uniform in {@code [−eps, eps]} per value, from the attack's seed: one start for the whole set. */
    private float[] randomStart(int size, float eps) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        float[] start = new float[size];
        for (int i = 0; i < size; i++) {
            start[i] = (float) ((2 * random.nextDouble() - 1) * eps);
        }
        return start;
    }
}
