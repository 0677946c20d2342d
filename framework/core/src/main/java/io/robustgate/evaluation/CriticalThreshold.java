package io.robustgate.evaluation;

import java.util.Locale;

/**
 * When a sample counts as broken in the critical-budget search: its attacked Dice below
 * {@code value}, or with {@code relative} below {@code value} times its own clean Dice.
 */
public record CriticalThreshold(double value, boolean relative) {

    public CriticalThreshold {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("critical Dice threshold " + value + " must lie in (0,1]"
                    + (relative ? " (a fraction of the clean Dice)" : ""));
        }
    }

    public static CriticalThreshold absolute(double dice) {
        return new CriticalThreshold(dice, false);
    }

    public static CriticalThreshold fractionOfClean(double fraction) {
        return new CriticalThreshold(fraction, true);
    }

    /** The Dice below which a sample with clean Dice {@code cleanDice} is broken. */
    public double diceFor(double cleanDice) {
        return relative ? value * cleanDice : value;
    }

    /** E.g. {@code Dice < 0.50} or {@code Dice < 0.50 × clean}. */
    public String describe() {
        return String.format(Locale.ROOT, relative ? "Dice < %.2f × clean" : "Dice < %.2f", value);
    }
}
