package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worst case over several attacks (after SEA, Croce, Singh &amp; Hein 2024): every member attacks
 * every sample and, per sample, the adversarial image with the lowest Dice is kept (the first
 * member on ties). A sample is only as robust as the strongest attack on it shows.
 */
final class EnsembleAttack implements Attack {

    private final List<AttackSpec> members;

    EnsembleAttack(AttackSpec spec) {
        this.members = EnsembleMembers.parse(spec.textOption("members"), spec);
    }

    List<AttackSpec> members() {
        return members;
    }

    @Override
    public NDArray perturb(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        return run(objective, clean, sampleSeeds).adversarial();
    }

    @Override
    public AttackOutcome run(AttackObjective objective, NDArray clean, long[] sampleSeeds) {
        int batch = (int) clean.getShape().get(0);
        List<String> names = memberNames();
        String[] winners = new String[batch];
        double[] lowest = new double[batch];
        java.util.Arrays.fill(lowest, Double.POSITIVE_INFINITY);
        List<Map<String, Double>> memberDice = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            memberDice.add(new LinkedHashMap<>());
        }
        NDArray worst = clean.duplicate();
        for (int m = 0; m < members.size(); m++) {
            try (NDScope scope = new NDScope()) {
                NDArray adversarial = Attack.of(members.get(m)).run(objective, clean, sampleSeeds).adversarial();
                double[] dice = DiceArrays.exactDice(objective.logits(adversarial), objective.targets(), objective.threshold());
                boolean[] lower = new boolean[batch];
                for (int b = 0; b < batch; b++) {
                    memberDice.get(b).put(names.get(m), dice[b]);
                    lower[b] = dice[b] < lowest[b];
                    if (lower[b]) {
                        lowest[b] = dice[b];
                        winners[b] = names.get(m);
                    }
                }
                NDArray mask = clean.getManager().create(lower).reshape(batch, 1, 1, 1).broadcast(clean.getShape());
                NDArray next = NDArrays.where(mask, adversarial, worst);
                NDScope.unregister(next);
                worst.close();
                worst = next;
            }
        }
        return new AttackOutcome(worst, List.of(winners), memberDice);
    }

    /** Members' labels, numbered where two members share one. */
    private List<String> memberNames() {
        List<String> names = new ArrayList<>();
        for (AttackSpec member : members) {
            String name = member.label();
            names.add(names.contains(name) ? name + " #" + (names.size() + 1) : name);
        }
        return names;
    }
}
