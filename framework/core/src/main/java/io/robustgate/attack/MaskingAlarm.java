package io.robustgate.attack;

/**
 * Signs that an evaluation may overestimate robustness because gradients are masked or the
 * attack is not working (AutoAttack's sanity checks, adapted to segmentation). They are recorded
 * and reported; a gate fails on them only when asked to.
 */
public enum MaskingAlarm {
    /** The input gradient of a sample is exactly zero: gradient steps cannot move it. */
    ZERO_GRADIENT("zero input gradient"),
    /** The input gradient of a sample contains NaN or infinity. */
    NONFINITE_GRADIENT("non-finite input gradient"),
    /** Two clean passes over the same input gave different outputs: the model is random (dropout left on?). */
    RANDOM_OUTPUT("clean outputs differ between two passes"),
    /**
     * An iterative attack made no progress over its first steps: its loss did not rise above the
     * start and its Dice did not fall (a masked loss shrinks as pixels flip, so Dice counts too).
     */
    LOSS_NOT_RISING("attack loss did not rise (nor Dice fall) over its first steps"),
    /**
     * A weaker attack on the same loss left a sample with a lower Dice than a stronger one at the
     * same budget — above all a black-box attack (Square) beating a white-box one, which gradients
     * should never lose to.
     */
    WEAKER_ATTACK_STRONGER("gradient masking suspected: a weaker attack beat a stronger one");

    private final String description;

    MaskingAlarm(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
