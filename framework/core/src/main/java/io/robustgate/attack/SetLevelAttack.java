package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import java.util.function.BiConsumer;

/**
 * An attack fitted once on a whole set and then applied unchanged to every batch, such as a
 * universal perturbation (Metzen et al. 2017). The evaluator calls {@link #fit} before the first
 * {@link #perturb}.
 */
public interface SetLevelAttack extends Attack {

    /** Visits the set batch by batch: each call hands the batch's objective and clean pixels. */
    interface BatchSource {
        void forEachBatch(BiConsumer<AttackObjective, NDArray> visitor);
    }

    void fit(BatchSource batches);
}
