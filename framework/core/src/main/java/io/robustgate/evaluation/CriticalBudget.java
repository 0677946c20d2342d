package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The smallest budget that breaks each sample, found by bisection on the grid {@code k·step},
 * {@code k = 0..maxEps/step}, with the result's own attack (see {@link CriticalBudgetSearch}).
 *
 * @param step the grid's spacing: {@code maxEps/n} for the smallest n that makes it at most the
 *     requested resolution, so that the largest budget is a grid point
 * @param medianCriticalEps the median over samples; a sample never broken counts as above
 *     {@code maxEps}, and where that reaches the median the value is {@code maxEps} and
 *     {@code medianIsLowerBound} says so
 * @param histogram how many samples have each critical budget: one bin per grid point, in order
 * @param notReached samples not broken even at {@code maxEps}
 * @param rounds attack runs the search needed at most per sample, the one at {@code maxEps} included
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CriticalBudget(CriticalThreshold threshold, float step, float maxEps, List<SampleCriticalEps> samples,
        float medianCriticalEps, boolean medianIsLowerBound, List<HistogramBin> histogram, int notReached,
        int rounds) {

    /** Samples whose critical budget is {@code eps}. */
    public record HistogramBin(float eps, int samples) {}

    public CriticalBudget {
        samples = List.copyOf(samples);
        histogram = List.copyOf(histogram);
    }

    /** The figures over {@code samples}, each critical budget a multiple of {@code step} or null. */
    static CriticalBudget of(CriticalThreshold threshold, float step, int gridPoints, float maxEps,
            List<SampleCriticalEps> samples, int rounds) {
        int[] counts = new int[gridPoints + 1];
        int notReached = 0;
        double[] sorted = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Float eps = samples.get(i).criticalEps();
            if (eps == null) {
                notReached++;
                sorted[i] = Double.POSITIVE_INFINITY;
            } else {
                counts[Math.round(eps / step)]++;
                sorted[i] = eps;
            }
        }
        Arrays.sort(sorted);
        List<HistogramBin> bins = new ArrayList<>();
        for (int k = 0; k <= gridPoints; k++) {
            bins.add(new HistogramBin(CriticalBudgetSearch.gridEps(k, gridPoints, maxEps), counts[k]));
        }
        float median = Float.NaN;
        boolean lowerBound = false;
        if (sorted.length > 0) {
            double low = sorted[(sorted.length - 1) / 2];
            double high = sorted[sorted.length / 2];
            lowerBound = Double.isInfinite(high);
            // A never-broken sample is somewhere above maxEps; counting it as maxEps gives a lower bound.
            median = (float) ((Math.min(low, maxEps) + Math.min(high, maxEps)) / 2);
        }
        return new CriticalBudget(threshold, step, maxEps, samples, median, lowerBound, bins, notReached, rounds);
    }
}
