package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDScope;
import io.robustgate.model.NativeCopy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worst case over several attacks (after SEA, Croce, Singh &amp; Hein 2024): every member attacks
 * every sample and, per sample, the adversarial image with the lowest Dice is kept (the first
 * member on ties). A sample is only as robust as the strongest attack on it shows. With early exit
 * ({@link FloorExit}) a member attacks only the samples no earlier member brought to Dice 0, and
 * records Dice only for those: the members after the one that reached the floor never ran on it.
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
            boolean[] ran = new boolean[batch];
            boolean anyRan = false;
            for (int b = 0; b < batch; b++) {
                ran[b] = !objective.atFloor(b);
                anyRan |= ran[b];
            }
            if (!anyRan) {
                break; // every sample is at Dice 0: no member can lower it
            }
            try (NDScope scope = new NDScope()) {
                NDArray adversarial = objective.settled(Attack.of(members.get(m)).run(objective, clean, sampleSeeds).adversarial());
                double[] dice = DiceArrays.exactDice(objective.logits(adversarial), objective.targets(), objective.threshold());
                boolean[] lower = new boolean[batch];
                for (int b = 0; b < batch; b++) {
                    if (!ran[b]) {
                        continue; // at the floor before this member: it did not attack the sample
                    }
                    memberDice.get(b).put(names.get(m), dice[b]);
                    lower[b] = dice[b] < lowest[b];
                    if (lower[b]) {
                        lowest[b] = dice[b];
                        winners[b] = names.get(m);
                    }
                }
                NDArray mask = NativeCopy.of(clean.getManager(), lower).reshape(batch, 1, 1, 1).broadcast(clean.getShape());
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
