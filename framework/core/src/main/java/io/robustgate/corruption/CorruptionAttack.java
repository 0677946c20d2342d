package io.robustgate.corruption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.robustgate.attack.Attack;
import io.robustgate.attack.AttackObjective;
import io.robustgate.attack.AttackOutcome;
import io.robustgate.attack.AttackSpec;
import io.robustgate.model.NativeCopy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corruptions of one spec at its one severity, on the [0,1] pixels the evaluator hands every
 * attack (the model's resolution, before its normalisation). One kind: that kind's image. Several
 * ({@code worst=true}): per sample the kind whose image leaves the lowest Dice (the first on ties),
 * recorded with every kind's Dice as an ensemble records its members. No gradient is taken; the
 * worst case costs one forward pass per kind.
 */
final class CorruptionAttack implements Attack {

    private final List<CorruptionKind> kinds;
    private final int severity;

    CorruptionAttack(AttackSpec spec) {
        this.kinds = CorruptionDefinition.kinds(spec);
        List<Integer> severities = CorruptionDefinition.severities(spec);
        if (severities.size() != 1 || (kinds.size() > 1 && !spec.booleanOption(CorruptionDefinition.WORST))) {
            throw new IllegalArgumentException(spec.displayName() + " lists several severities or kinds for one run;"
                    + " a front-end expands them into one spec each (CorruptionDefinition.expand)");
        }
        this.severity = severities.get(0);
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        return corrupted(kinds.get(0), clean, sampleSeeds);
    }

    @Override
    public AttackOutcome run(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        if (kinds.size() == 1) {
            return AttackOutcome.of(perturb(objective, clean, sampleSeeds));
        }
        int batch = (int) clean.getShape().get(0);
        int perSample = (int) (clean.getShape().size() / batch);
        float[] worst = new float[(int) clean.getShape().size()];
        double[] lowest = new double[batch];
        java.util.Arrays.fill(lowest, Double.POSITIVE_INFINITY);
        String[] winners = new String[batch];
        List<Map<String, Double>> kindDice = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            kindDice.add(new LinkedHashMap<>());
        }
        for (CorruptionKind kind : kinds) {
            try (NDArray image = corrupted(kind, clean, sampleSeeds); NDArray logits = objective.logits(image)) {
                float[] values = image.toFloatArray();
                double[] perImage = objective.exactDice(logits);
                for (int b = 0; b < batch; b++) {
                    kindDice.get(b).put(kind.optionName(), perImage[b]);
                    if (perImage[b] < lowest[b]) {
                        lowest[b] = perImage[b];
                        winners[b] = kind.optionName();
                        System.arraycopy(values, b * perSample, worst, b * perSample, perSample);
                    }
                }
            }
        }
        return new AttackOutcome(NativeCopy.of(clean.getManager(), worst, clean.getShape()), List.of(winners), kindDice);
    }

    /** The batch with {@code kind} applied to each image, sample {@code b}'s noise seeded by {@code sampleSeeds[b]}. */
    private NDArray corrupted(CorruptionKind kind, NDArray clean, long[] sampleSeeds) {
        Shape shape = clean.getShape();
        int batch = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int perSample = channels * height * width;
        float[] pixels = clean.toFloatArray();
        float[] out = new float[pixels.length];
        Corruption corruption = kind.at(severity);
        for (int b = 0; b < batch; b++) {
            float[] one = java.util.Arrays.copyOfRange(pixels, b * perSample, (b + 1) * perSample);
            ChannelImage image = new ChannelImage(one, channels, height, width);
            float[] done = corruption.apply(image, new CounterNoise(sampleSeeds[b])).values();
            System.arraycopy(done, 0, out, b * perSample, perSample);
        }
        return NativeCopy.of(clean.getManager(), out, shape);
    }
}
