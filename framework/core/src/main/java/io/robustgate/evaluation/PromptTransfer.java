package io.robustgate.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.robustgate.attack.Attack;
import io.robustgate.attack.AttackObjective;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.SetLevelAttack;
import io.robustgate.data.PreparedSample;
import io.robustgate.metric.Overlap;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.NativeCopy;
import io.robustgate.model.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does an attacker need to know the prompt? For each image, the attack crafts one perturbation per
 * prompt (the image's prompts in one batch, seeded per sample as in the evaluation), and every
 * perturbed image is scored under every prompt of the image: a k×k matrix of Dice for k prompts.
 */
final class PromptTransfer {

    private PromptTransfer() {}

    /** The matrices, keyed {@code imageName|maskName}, in the evaluator's sample order. */
    static Map<String, List<List<Double>>> measure(RobustnessEvaluator evaluator, AttackSpec spec) {
        Attack attack = Attack.of(spec);
        if (attack instanceof SetLevelAttack) {
            throw new IllegalArgumentException(spec.name() + " applies one perturbation to every image and prompt; "
                    + "prompt transfer compares per-sample attacks such as PGD");
        }
        Map<String, List<PreparedSample>> byImage = new LinkedHashMap<>();
        for (PreparedSample sample : evaluator.samples()) {
            byImage.computeIfAbsent(sample.sample().imageName() + "|" + sample.sample().maskName(),
                    k -> new ArrayList<>()).add(sample);
        }
        Map<String, List<List<Double>>> matrices = new LinkedHashMap<>();
        int done = 0;
        long start = System.nanoTime();
        for (Map.Entry<String, List<PreparedSample>> image : byImage.entrySet()) {
            if (image.getValue().size() > 1) {
                matrices.put(image.getKey(), matrix(evaluator, attack, spec, image.getValue()));
            }
            done += image.getValue().size();
            evaluator.progress().progress("prompt transfer " + spec.displayName(), done, evaluator.samples().size(),
                    System.nanoTime() - start);
        }
        return matrices;
    }

    private static List<List<Double>> matrix(RobustnessEvaluator evaluator, Attack attack, AttackSpec spec,
            List<PreparedSample> prompts) {
        ModelBundle bundle = evaluator.bundle();
        int k = prompts.size();
        PreparedSample first = prompts.get(0);
        TokenBatch tokens = bundle.tokenizer().encode(prompts.stream().map(p -> p.sample().prompt()).toList());
        float threshold = (float) bundle.manifest().output().threshold();
        try (NDManager manager = bundle.newManager()) {
            NDArray pixels = stack(manager, prompts.stream().map(PreparedSample::pixels).toList(),
                    new Shape(k, first.channels(), first.height(), first.width()));
            NDArray targets = stack(manager, prompts.stream().map(PreparedSample::mask).toList(),
                    new Shape(k, first.height(), first.width()));
            AttackObjective objective = new AttackObjective(bundle.network(), tokens.idsArray(manager),
                    tokens.attentionMaskArray(manager), targets, spec.loss(), threshold);
            long[] seeds = prompts.stream().mapToLong(p -> RobustnessEvaluator.sampleSeed(spec.seed(), p.sample())).toArray();
            NDArray adversarial = attack.run(objective, pixels, seeds).adversarial();
            double[][] dice = new double[k][k];
            for (int b = 0; b < k; b++) {
                long[][] ids = new long[k][];
                long[][] mask = new long[k][];
                Arrays.fill(ids, tokens.ids()[b]);
                Arrays.fill(mask, tokens.attentionMask()[b]);
                TokenBatch underPrompt = new TokenBatch(ids, mask);
                NDArray logits = bundle.network().logits(adversarial, underPrompt.idsArray(manager),
                        underPrompt.attentionMaskArray(manager));
                float[] probabilities = Activation.sigmoid(logits).toFloatArray();
                int pixelsPerMask = probabilities.length / k;
                for (int a = 0; a < k; a++) {
                    boolean[] predicted = new boolean[pixelsPerMask];
                    for (int j = 0; j < pixelsPerMask; j++) {
                        predicted[j] = probabilities[a * pixelsPerMask + j] > threshold;
                    }
                    dice[a][b] = Overlap.between(predicted, prompts.get(b).mask()).dice();
                }
            }
            List<List<Double>> rows = new ArrayList<>();
            for (double[] row : dice) {
                rows.add(Arrays.stream(row).boxed().toList());
            }
            return rows;
        }
    }

    private static NDArray stack(NDManager manager, List<float[]> rows, Shape shape) {
        int size = rows.get(0).length;
        float[] data = new float[rows.size() * size];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, data, i * size, size);
        }
        return NativeCopy.of(manager, data, shape);
    }
}
