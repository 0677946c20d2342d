package io.robustgate.attack;

import ai.djl.ndarray.NDArray;

/**
 * What an attack maximises: one number per sample, shape {@code [B]}, from the logits, the target
 * and the step (see {@link LossInput}). A batch's objective is the sum of its samples' losses, so a
 * sample's gradient does not depend on which other samples share its batch. Losses are found by
 * name in {@link AttackLosses}; definitions are in {@code docs/attacks.md}.
 */
public interface AttackLoss {

    /** Binary cross-entropy with logits, mean over pixels. */
    AttackLoss BCE = new BceLoss();

    /** {@code 1.5·softDice + 1.0·BCE}: the loss CLIPSeg is fine-tuned with in VLSM-Adapter. */
    AttackLoss DICE_BCE = new DiceBceLoss();

    /** BCE of the currently correct pixels only, divided by all pixels (Croce, Singh &amp; Hein 2024). */
    AttackLoss MASKED_BCE = new MaskedBceLoss();

    /** {@code 1 − (2Σpg+1)/(Σp+Σg+1)} on sigmoid probabilities. */
    AttackLoss SOFT_DICE = new SoftDiceLoss();

    /** SegPGD's: correct and wrong pixels weighted {@code 1−λ_t} and {@code λ_t = t/(2T)} (Gu et al. 2022). */
    AttackLoss SEGPGD = new SegPgdLoss();

    /** CosPGD's: pixels weighted by the cosine similarity of prediction and target (Agnihotri et al. 2024). */
    AttackLoss COSPGD = new CosPgdLoss();

    /** The name used in options and results, e.g. {@code MASKED_BCE}. */
    String name();

    /** The loss of each sample, shape {@code [B]}, differentiable with respect to the logits. */
    NDArray perSample(LossInput input);

    /** The registered loss of that name, case-insensitively (also lets JUnit convert {@code "BCE"}). */
    static AttackLoss valueOf(String name) {
        return AttackLosses.named(name);
    }
}
