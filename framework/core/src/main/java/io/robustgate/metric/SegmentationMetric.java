package io.robustgate.metric;

import java.util.Locale;

/**
 * A per-sample figure comparing a predicted mask with the true one at the model's resolution
 * (Dice, IoU, HD95, NSD…). Results keep each registered metric's clean and attacked figure per
 * sample, their means with intervals, and how much the attack worsened them; gates bound any of
 * them by name ({@code minDice}, {@code maxHd95}, {@code maxHd95Increase}…). A new metric is one
 * implementation plus one line in {@link SegmentationMetrics}: results, gates, the three
 * front-ends and the report all take their names and ranges from here.
 */
public interface SegmentationMetric {

    /**
     * The name in results fields and limit names, in the case they use after a prefix: {@code Dice}
     * gives {@code cleanDice}, {@code adversarialDice}, {@code diceDrop}, limits {@code minDice}.
     */
    String key();

    /** The name people read: {@code Dice}, {@code IoU}, {@code HD95}. */
    String label();

    /** The stem of the limit names when it differs from {@link #key()} ({@code IoU} for {@code minIoU}). */
    default String limitStem() {
        return key();
    }

    /** The gate metric's name of the attacked figure: {@code DICE}, {@code HD95}, {@code VANISHED_FRACTION}. */
    default String gateName() {
        return key().toUpperCase(Locale.ROOT);
    }

    /**
     * Whether the figure already measures what the attack changed against the clean prediction
     * ({@link MaskPair#cleanPredicted()}), so its clean figure is 0 by definition and it has no
     * separate worsening to gate.
     */
    default boolean comparesWithClean() {
        return false;
    }

    /** Scores (Dice) are better higher; distances (HD95) lower. */
    boolean higherIsBetter();

    /** The least value the figure can take. */
    double lowest();

    /** The greatest value the figure can take; {@link Double#POSITIVE_INFINITY} for distances. */
    double highest();

    /** The figure of one predicted mask against the true one. */
    double compute(MaskPair masks);

    /**
     * What the worsening under attack is called in field and limit names: {@code Drop} for scores
     * (clean − attacked), {@code Increase} for distances (attacked − clean); positive when the attack
     * made the figure worse.
     */
    default String worsening() {
        return higherIsBetter() ? "Drop" : "Increase";
    }

    /** The worsening of {@code attacked} against {@code clean}: positive when the attack hurt. */
    default double worsening(double clean, double attacked) {
        return higherIsBetter() ? clean - attacked : attacked - clean;
    }

    /** The results field of the clean figure: {@code cleanDice}. */
    default String cleanField() {
        return "clean" + key();
    }

    /** The results field of the attacked figure: {@code adversarialDice}. */
    default String attackedField() {
        return "adversarial" + key();
    }

    /** The results field of the worsening: {@code diceDrop}, {@code hd95Increase}. */
    default String worseningField() {
        return key().substring(0, 1).toLowerCase(Locale.ROOT) + key().substring(1) + worsening();
    }
}
