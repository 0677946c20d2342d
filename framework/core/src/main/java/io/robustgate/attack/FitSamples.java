package io.robustgate.attack;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which samples a {@link SetLevelAttack} is fitted on, so that it is evaluated on others: the whole
 * held-out set (fitted and evaluated alike), another split of the same data set root
 * ({@code split}), or a share {@code fraction} of the held-out set chosen by sample identity.
 *
 * @param split another split of the held-out set's root to fit on, e.g. {@code train}; null for none
 * @param fraction the share of the held-out set to fit on when {@code split} is null; 0 for the whole set
 * @param seed orders the samples for the {@code fraction} split
 */
public record FitSamples(String split, float fraction, long seed) {

    /** Fitted on every sample, every sample evaluated: how set-level attacks ran before fit splits. */
    public static final FitSamples WHOLE_SET = new FitSamples(null, 0f, 0L);

    public FitSamples {
        split = split == null || split.isBlank() ? null : split.trim();
        if (split == null && !(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fitFraction must lie in (0, 1) but is " + fraction);
        }
    }

    public boolean wholeSet() {
        return split == null && fraction == 0;
    }

    /**
     * The {@code round(fraction·n)} samples (at least one, and one fewer than all) that come first when
     * the ids are ordered by a seeded hash of each id — so the split depends on the samples' identity
     * and the seed, never on their order or batch.
     *
     * @throws IllegalArgumentException when fewer than two samples leave nothing to evaluate
     */
    public Set<String> fittedAmong(List<String> sampleIds) {
        if (sampleIds.size() < 2) {
            throw new IllegalArgumentException("fitFraction needs at least two samples, one to fit on and one to"
                    + " evaluate, but the held-out set has " + sampleIds.size());
        }
        int fitted = Math.max(1, Math.min(sampleIds.size() - 1, Math.round(fraction * sampleIds.size())));
        Set<String> chosen = new LinkedHashSet<>();
        sampleIds.stream().distinct()
                .sorted(Comparator.comparingLong((String id) -> new SplittableRandom(seed ^ id.hashCode()).nextLong())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(fitted)
                .forEach(chosen::add);
        return chosen;
    }
}
