package io.robustgate.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The pictures an attack keeps while it runs: the samples with the lowest attacked Dice and those
 * with the largest Dice drop (a sample the model never segmented well has a low attacked Dice but
 * says little about the attack), ordered by attacked Dice. Pruned after every batch, so a large
 * set never holds more than a batch's pictures beyond these.
 */
final class WorstSamples {

    private final int kept;
    private final List<SampleArtifacts> worst = new ArrayList<>();

    WorstSamples(int kept) {
        this.kept = kept;
    }

    void addAll(List<SampleArtifacts> batch) {
        worst.addAll(batch);
        List<SampleArtifacts> byDrop = new ArrayList<>(worst);
        byDrop.sort(Comparator.comparingDouble((SampleArtifacts a) -> a.adversarialDice() - a.cleanDice()));
        worst.sort(Comparator.comparingDouble(SampleArtifacts::adversarialDice));
        Set<SampleArtifacts> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(worst.subList(0, Math.min(kept, worst.size())));
        keep.addAll(byDrop.subList(0, Math.min(kept, byDrop.size())));
        worst.removeIf(a -> !keep.contains(a));
    }

    List<SampleArtifacts> list() {
        return List.copyOf(worst);
    }
}
