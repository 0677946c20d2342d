package io.robustgate.metric;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mean, sample standard deviation and a seeded percentile-bootstrap 95% confidence interval of the
 * mean, so a small held-out set shows how far its mean can be trusted.
 */
public record Summary(double mean, double std, double ciLow, double ciHigh, int n) {

    public static final int DEFAULT_RESAMPLES = 2000;

    public static Summary of(double[] values, long seed) {
        return of(values, seed, DEFAULT_RESAMPLES);
    }

    public static Summary of(double[] values, long seed, int resamples) {
        int n = values.length;
        if (n == 0) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        double[] means = new double[resamples];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new Summary(mean, std, percentile(means, 0.025), percentile(means, 0.975), n);
    }

    /** numpy's default ("linear") percentile of sorted values, {@code q} in [0,1]. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
