package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
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
 *
 * <p>Masked gradients (Athalye et al., ICML 2018) cannot hold the worst case up: a sample whose
 * input gradient at the start of a member's run is zero or not finite takes no further gradient
 * pass in any member, and, unless a member is already gradient-free, the black-box
 * {@link SquareAttack} (its defaults, the ensemble's seed) attacks it after the members, recorded
 * like a member in {@code memberDice} and {@code winners}. Square's result for a sample does not
 * depend on its batch, so the ensemble's Dice for such a sample is at most what SQUARE on its own
 * finds.
 */
final class EnsembleAttack implements Attack {

    private final List<AttackSpec> members;
    /** Square for the samples whose gradient is masked; null when a member already is gradient-free. */
    private final AttackSpec gradientFreeFallback;

    EnsembleAttack(AttackSpec spec) {
        this.members = EnsembleMembers.parse(spec.textOption("members"), spec);
        boolean gradientFreeMember = members.stream().anyMatch(m -> Attack.of(m) instanceof SquareAttack);
        this.gradientFreeFallback = gradientFreeMember ? null : EnsembleMembers.parse(AttackNames.SQUARE, spec).get(0);
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
        objective.withholdMaskedGradients();
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
            objective.averageOver(1); // a member without the eot option must not inherit the last one's
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
        if (gradientFreeFallback != null) {
            worst = attackWithheldWithoutGradients(objective, clean, sampleSeeds, worst, lowest, winners, memberDice);
        }
        return new AttackOutcome(worst, List.of(winners), memberDice);
    }

    /**
     * Runs the gradient-free fallback on the samples the objective withheld for a masked gradient
     * (and not at the floor), keeping its image where its Dice is lower; returns the new worst batch.
     */
    private NDArray attackWithheldWithoutGradients(AttackObjective objective, NDArray clean, long[] sampleSeeds,
            NDArray worst, double[] lowest, String[] winners, List<Map<String, Double>> memberDice) {
        int batch = lowest.length;
        int[] rows = java.util.stream.IntStream.range(0, batch)
                .filter(b -> objective.gradientWithheld(b) && !objective.atFloor(b)).toArray();
        if (rows.length == 0) {
            return worst;
        }
        String name = gradientFreeFallback.label();
        long[] rowSeeds = java.util.Arrays.stream(rows).mapToLong(b -> sampleSeeds[b]).toArray();
        try (NDScope scope = new NDScope()) {
            NDArray found = new SquareAttack(gradientFreeFallback).search(objective.rowsOracle(rows), FloorExit.rows(clean, rows), rowSeeds);
            double[] dice = DiceArrays.exactDice(objective.rowsLogits(rows, found), FloorExit.rows(objective.targets(), rows),
                    objective.threshold());
            NDList kept = new NDList();
            int j = 0;
            for (int b = 0; b < batch; b++) {
                boolean fallback = j < rows.length && rows[j] == b;
                boolean lower = fallback && dice[j] < lowest[b];
                if (fallback) {
                    memberDice.get(b).put(name, dice[j]);
                }
                if (lower) {
                    lowest[b] = dice[j];
                    winners[b] = name;
                }
                kept.add(lower ? found.get(new NDIndex(j + ":" + (j + 1))) : worst.get(new NDIndex(b + ":" + (b + 1))));
                j += fallback ? 1 : 0;
            }
            NDArray next = NDArrays.concat(kept);
            NDScope.unregister(next);
            worst.close();
            return next;
        }
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
