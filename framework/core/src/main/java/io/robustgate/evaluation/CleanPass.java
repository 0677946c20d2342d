package io.robustgate.evaluation;

import io.robustgate.metric.Overlap;
import java.util.List;

/** Predictions and scores of the unattacked samples, computed once and shared by every attack. */
public record CleanPass(List<boolean[]> predictions, List<Overlap> overlaps, double seconds) {

    public double meanDice() {
        return overlaps.stream().mapToDouble(Overlap::dice).average().orElse(Double.NaN);
    }

    public double meanIou() {
        return overlaps.stream().mapToDouble(Overlap::iou).average().orElse(Double.NaN);
    }
}
