package io.robustgate.metric;

/**
 * The normalised surface distance (surface Dice) at a tolerance τ, as MONAI's
 * {@code compute_surface_dice(use_subvoxels=False)} defines it: the share of both masks' boundary
 * pixels that lie within τ of the other mask's boundary ({@link SurfaceDistances}). τ is in the
 * distance unit: pixels, or millimetres when the held-out set gives a pixel spacing. Empty masks
 * as Metrics Reloaded recommends: both empty is a perfect 1, only one empty the worst, 0.
 */
public final class NsdMetric extends DefinedMetric {

    /** The default tolerance: 2 (pixels, or millimetres with a spacing), the boundary's own blur at this resolution. */
    public static final double DEFAULT_TOLERANCE = 2;

    private final double tolerance;

    public NsdMetric() {
        this(DEFAULT_TOLERANCE);
    }

    public NsdMetric(double tolerance) {
        super("Nsd", "NSD", "Nsd", true, 0, 1);
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("NSD tolerance must be finite and at least 0, was " + tolerance);
        }
        this.tolerance = tolerance;
    }

    public double tolerance() {
        return tolerance;
    }

    @Override
    public double compute(MaskPair masks) {
        SurfaceDistances distances = SurfaceDistances.of(masks);
        int total = distances.predictedToTruth().length + distances.truthToPredicted().length;
        if (total == 0) {
            return 1;
        }
        if (distances.predictedEmpty() || distances.truthEmpty()) {
            return 0;
        }
        return (double) (within(distances.predictedToTruth()) + within(distances.truthToPredicted())) / total;
    }

    private int within(double[] distances) {
        int n = 0;
        for (double d : distances) {
            if (d <= tolerance) {
                n++;
            }
        }
        return n;
    }
}
