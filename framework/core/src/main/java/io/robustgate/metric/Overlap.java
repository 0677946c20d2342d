package io.robustgate.metric;

/**
 * Dice {@code 2|P∩G|/(|P|+|G|)} and IoU {@code |P∩G|/|P∪G|} of a predicted and a true mask at the
 * model's resolution; both are 1.0 when both masks are empty.
 */
public record Overlap(double dice, double iou) {

    /** {@code truth} holds 0/1 values; {@code predicted} has one entry per pixel as well. */
    public static Overlap between(boolean[] predicted, float[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("masks differ in size: " + predicted.length + " vs " + truth.length);
        }
        long both = 0;
        long predictedCount = 0;
        long truthCount = 0;
        for (int i = 0; i < predicted.length; i++) {
            boolean inTruth = truth[i] > 0.5f;
            if (predicted[i]) {
                predictedCount++;
                if (inTruth) {
                    both++;
                }
            }
            if (inTruth) {
                truthCount++;
            }
        }
        long union = predictedCount + truthCount - both;
        if (union == 0) {
            return new Overlap(1.0, 1.0);
        }
        return new Overlap(2.0 * both / (predictedCount + truthCount), (double) both / union);
    }
}
