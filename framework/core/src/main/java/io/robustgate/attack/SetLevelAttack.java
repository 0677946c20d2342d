package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An attack fitted once on a whole set and then applied unchanged to every batch, such as a
 * universal perturbation (Metzen et al. 2017). The evaluator calls {@link #fit} before the first
 * {@link #perturb}. It may name the samples
 * to fit on ({@link #fitSamples()}); the evaluator then reports only the others.
 */
public interface SetLevelAttack extends Attack {

    /** Visits the set batch by batch: each call hands the batch's objective and clean pixels. */
    interface BatchSource {
        void forEachBatch(BiConsumer<AttackObjective, NDArray> visitor);
    }

    void fit(BatchSource batches);

    /** The samples to fit on; by default the whole set, every sample of which is then also evaluated. */
    default FitSamples fitSamples() {
        return FitSamples.WHOLE_SET;
    }

    /** The perturbation fitting produced, for results and reports; empty before {@link #fit}. */
    default Optional<UniversalPerturbation> fitted() {
        return Optional.empty();
    }
}
