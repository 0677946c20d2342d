package io.robustgate.evaluation.sequential;

/**
 * A confidence sequence for the mean of a finite population of N values in [lo, hi] that are observed in a uniformly
 * random order without replacement — the held-out set attacked in a seeded random order.
 *
 * <p>The martingale is that of Waudby-Smith &amp; Ramdas, "Confidence sequences for sampling without replacement",
 * NeurIPS 2020 (arXiv:2006.04347), §3: if the population mean is m, the conditional mean of the t-th draw given the
 * first t − 1 is the mean of the values not yet drawn,
 * <pre>
 *   μ_t(m) = (N·m − Σ_{i&lt;t} x_i) / (N − t + 1),
 * </pre>
 * so betting against it gives non-negative martingales. The betting (hedged capital) form with that conditional mean is
 * the without-replacement extension in Waudby-Smith &amp; Ramdas, "Estimating means of bounded random variables by
 * betting", JRSS-B 2023, §6 (on the [0, 1] scale):
 * <pre>
 *   K⁺_t(m) = Π_{i≤t} (1 + min(λ̇_i, c/μ_i(m)) · (x_i − μ_i(m)))    K⁻_t(m) = Π_{i≤t} (1 − min(λ̇_i, c/(1−μ_i(m))) · (x_i − μ_i(m)))
 *   C_t = { m feasible : max(K⁺_s(m), K⁻_s(m)) &lt; 2/α for all s ≤ t }
 * </pre>
 * with λ̇ as in {@link GridBettingSequence}, c = 1/2, and α split evenly between the two sides (θ = 1/2).
 *
 * <p>On top of the betting bounds the sequence uses what is known for certain: after t draws the population mean lies
 * in [(Σ x_i + (N − t)·0) / N, (Σ x_i + (N − t)·1) / N] (the undrawn values are in [0, 1]); a candidate outside
 * that range (equivalently, μ_t(m) outside [0, 1]) is rejected outright. <b>When all N values are observed the interval
 * collapses to the exact population mean</b>: {@link #lower()} = {@link #upper()} = the compensated sum of the values
 * divided by N, whatever the bets did.
 */
public final class WithoutReplacementBettingSequence extends GridBettingSequence {

    private static final double FEASIBLE_SLACK = 1e-12;
    private final int population;

    /** A sequence for a population of {@code population} values in [lo, hi] at level α on the default grid. */
    public WithoutReplacementBettingSequence(int population, double lo, double hi, double alpha) {
        this(population, lo, hi, alpha, DEFAULT_GRID);
    }

    /** A sequence for a population of {@code population} values in [lo, hi] at level α on {@code grid} intervals. */
    public WithoutReplacementBettingSequence(int population, double lo, double hi, double alpha, int grid) {
        super(lo, hi, alpha, grid);
        if (population < 1) {
            throw new IllegalArgumentException("a population needs at least one value, got " + population);
        }
        this.population = population;
    }

    /** N, the size of the population. */
    public int population() {
        return population;
    }

    /** Whether every value of the population has been observed (then the bounds are the exact mean). */
    public boolean exhausted() {
        return t == population;
    }

    @Override
    void beforeObserve() {
        if (t >= population) {
            throw new IllegalStateException("all " + population + " values of the population have been observed");
        }
    }

    @Override
    void bet(double x01, double lambdaDot) {
        double[] kp = kPlus;
        double[] km = kMinus;
        double remaining = population - t;
        double scale = population * step / remaining;
        double shift = sum01 / remaining;
        // λ⁺ = min(λ̇, c/μ) is λ̇ while μ ≤ c/λ̇; λ⁻ = min(λ̇, c/(1−μ)) is λ̇ while μ ≥ 1 − c/λ̇: divide only where truncated.
        double plusUntil = TRUNCATION / lambdaDot;
        double minusFrom = 1 - plusUntil;
        for (int j = first; j <= last; j++) {
            double mu = scale * j - shift;
            if (mu < -FEASIBLE_SLACK || mu > 1 + FEASIBLE_SLACK) {
                kp[j] = Double.POSITIVE_INFINITY;
                continue;
            }
            mu = Math.min(1, Math.max(0, mu));
            double d = x01 - mu;
            kp[j] *= mu <= plusUntil ? 1 + lambdaDot * d : 1 + TRUNCATION * d / mu;
            km[j] *= mu >= minusFrom ? 1 - lambdaDot * d : 1 - TRUNCATION * d / (1 - mu);
        }
    }

    @Override
    void afterObserve() {
        double feasibleLow = sum01 / population;
        double feasibleHigh = (sum01 + (population - t)) / population;
        double low = Math.max(lower01, feasibleLow);
        double high = Math.min(upper01, feasibleHigh);
        if (low > high) {
            // The betting bounds missed (probability ≤ α): what is known for certain wins.
            low = feasibleLow;
            high = feasibleHigh;
        }
        lower01 = low;
        upper01 = high;
    }

    @Override
    public double lower() {
        return exhausted() ? observedMean() : Math.max(lo + span * lower01, lo);
    }

    @Override
    public double upper() {
        return exhausted() ? observedMean() : Math.min(lo + span * upper01, lo + span);
    }
}
