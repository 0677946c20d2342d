package io.robustgate.metric;

import java.util.Arrays;

/**
 * The 95th-percentile Hausdorff distance, as MONAI's {@code compute_hausdorff_distance(percentile=95)}
 * defines it: the larger of the two directed 95th percentiles of the boundary distances
 * ({@link SurfaceDistances}), each with numpy's linear interpolation. In pixels, or millimetres when
 * the held-out set gives a pixel spacing. Empty masks as Metrics Reloaded recommends (Maier-Hein et
 * al., Nature Methods 2024): both empty is a perfect 0; only one empty has no boundary to measure
 * to and takes the worst value, the image's diagonal.
 */
public final class Hd95Metric extends DefinedMetric {

    public Hd95Metric() {
        super("Hd95", "HD95", "Hd95", false, 0, Double.POSITIVE_INFINITY);
    }

    @Override
    public double compute(MaskPair masks) {
        SurfaceDistances distances = SurfaceDistances.of(masks);
        if (distances.predictedEmpty() && distances.truthEmpty()) {
            return 0;
        }
        if (distances.predictedEmpty() || distances.truthEmpty()) {
            return masks.diagonal();
        }
        return Math.max(percentile95(distances.predictedToTruth()), percentile95(distances.truthToPredicted()));
    }

    private static double percentile95(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return Summary.percentile(sorted, 0.95);
    }
}
