package io.robustgate.metric;

/**
 * The predicted foreground's share of the image, {@code |P|/(H·W)}: what a targeted attack moves
 * (VANISH empties it, HALLUCINATE grows it). Counted as better higher, so its worsening, the
 * {@code predictedAreaDrop}, is the share of the image the attack took away.
 */
public final class PredictedAreaMetric extends DefinedMetric {

    public PredictedAreaMetric() {
        super("PredictedArea", "predicted area", "PredictedArea", true, 0, 1);
    }

    @Override
    public String gateName() {
        return "PREDICTED_AREA";
    }

    @Override
    public double compute(MaskPair masks) {
        return share(masks.predicted());
    }

    static double share(boolean[] mask) {
        long count = 0;
        for (boolean pixel : mask) {
            count += pixel ? 1 : 0;
        }
        return (double) count / mask.length;
    }
}
