package io.robustgate.evaluation;

import io.robustgate.metric.Overlap;
import java.util.List;
import java.util.Map;

/**
 * Predictions and scores of the unattacked samples, computed once and shared by every attack.
 *
 * @param figures every registered metric's clean figure per sample ({@code cleanDice}, {@code cleanHd95}…)
 * @param repeatDifference the largest logit difference between two passes over the first batch:
 *     0 for a deterministic model in eval mode
 */
public record CleanPass(List<boolean[]> predictions, List<Overlap> overlaps, List<Map<String, Double>> figures,
        double seconds, double repeatDifference) {

    /** Above this, two passes over the same input differ by more than float noise: the model is random. */
    public static final double RANDOM_OUTPUT_TOLERANCE = 1e-4;

    public double meanDice() {
        return overlaps.stream().mapToDouble(Overlap::dice).average().orElse(Double.NaN);
    }

    public double meanIou() {
        return overlaps.stream().mapToDouble(Overlap::iou).average().orElse(Double.NaN);
    }

    /**
     * The samples at {@code positions}, for an evaluator over a subset of this pass's samples; no time
     * is spent computing them, so {@link #seconds()} is 0.
     */
    CleanPass select(int[] positions) {
        List<boolean[]> keptPredictions = new java.util.ArrayList<>(positions.length);
        List<Overlap> keptOverlaps = new java.util.ArrayList<>(positions.length);
        List<Map<String, Double>> keptFigures = new java.util.ArrayList<>(positions.length);
        for (int position : positions) {
            keptPredictions.add(predictions.get(position));
            keptOverlaps.add(overlaps.get(position));
            keptFigures.add(figures.get(position));
        }
        return new CleanPass(java.util.Collections.unmodifiableList(keptPredictions), List.copyOf(keptOverlaps),
                List.copyOf(keptFigures), 0, repeatDifference);
    }

    public boolean randomOutput() {
        return !(repeatDifference <= RANDOM_OUTPUT_TOLERANCE);
    }
}
