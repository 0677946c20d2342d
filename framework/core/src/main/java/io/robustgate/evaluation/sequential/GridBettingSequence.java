package io.robustgate.evaluation.sequential;

/**
 * What the two betting sequences share: the rescaling to [0, 1], the grid of candidate means, the hedged capital
 * processes, the predictable plug-in bets and the bounds read off the surviving grid.
 *
 * <h2>Hedged capital (Waudby-Smith &amp; Ramdas 2023, §4, "hedged capital process")</h2>
 * For a candidate mean m the bettor holds two wealth processes, one betting that values exceed their conditional mean
 * μ_t(m) and one that they fall short of it:
 * <pre>
 *   K⁺_t(m) = Π_{i≤t} (1 + λ⁺_i(m) · (x_i − μ_i(m)))        K⁻_t(m) = Π_{i≤t} (1 − λ⁻_i(m) · (x_i − μ_i(m)))
 *   K±_t(m) = max(θ K⁺_t(m), (1 − θ) K⁻_t(m)),  θ = 1/2
 * </pre>
 * Under the true mean both are non-negative martingales started at 1 (the bets are predictable: they use only the
 * values before x_i), so is any convex combination, and Ville's inequality gives P(∃t: K±_t(μ) ≥ 1/α) ≤ α. The
 * confidence sequence is C_t = {m : K±_s(m) &lt; 1/α for every s ≤ t}, i.e. m is rejected for good once K⁺ or K⁻
 * reaches 2/α (taking the running intersection keeps the guarantee: the event "μ ∈ C_t for all t" is unchanged).
 *
 * <h2>Predictable plug-in bets (Waudby-Smith &amp; Ramdas 2023, §4, PrPl-style, their eq. for λ^PrPl±)</h2>
 * <pre>
 *   μ̂_t = (1/2 + Σ_{i≤t} x_i) / (t + 1)          σ̂²_t = (1/4 + Σ_{i≤t} (x_i − μ̂_i)²) / (t + 1)
 *   λ̇_t = sqrt( 2 log(2/α) / (σ̂²_{t−1} · t · log(1 + t)) )
 *   λ⁺_t(m) = min(λ̇_t, c / μ_t(m))                λ⁻_t(m) = min(λ̇_t, c / (1 − μ_t(m))),   c = 1/2
 * </pre>
 * The truncation keeps every factor ≥ 1 − c &gt; 0 and, because each factor is non-increasing (K⁺) or non-decreasing
 * (K⁻) in m, makes the rejected set a union of a lower and an upper end of [0, 1]: C_t is an interval and the
 * surviving grid points are one contiguous index range, which is all that has to be updated.
 *
 * <h2>Grid</h2>
 * The capital is tracked on the candidates m_j = j / G, j = 0..G (G = {@value #DEFAULT_GRID} by default). Since C_t is
 * an interval, a rejected grid point next to a surviving one bounds it: the reported bounds are the rejected
 * neighbours of the outermost survivors, so the grid costs at most one step (1/G of the span) of width and never
 * coverage.
 */
abstract class GridBettingSequence implements ConfidenceSequence {

    /** Grid intervals on [0, 1] when none is given. */
    static final int DEFAULT_GRID = 1000;
    /** The truncation c of the bets (Waudby-Smith &amp; Ramdas suggest 1/2 or 3/4). */
    static final double TRUNCATION = 0.5;
    private static final double SLACK = 1e-9;

    final double lo;
    final double span;
    final double alpha;
    /** K⁺ or K⁻ at or above this rejects a candidate: 1/(α θ) with θ = 1/2. */
    final double threshold;
    final int grid;
    final double step;
    final double[] kPlus;
    final double[] kMinus;
    /** The surviving grid indices are first..last; first &gt; last when none survives. */
    int first;
    int last;
    int t;
    /** Σ of the observed values on the [0, 1] scale. */
    double sum01;
    private double sumSquares;
    private final double logTwoOverAlpha;
    /** Bounds on the [0, 1] scale, narrowed monotonically. */
    double lower01 = 0;
    double upper01 = 1;
    private double rawSum;
    private double rawCompensation;

    GridBettingSequence(double lo, double hi, double alpha, int grid) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
            throw new IllegalArgumentException("a betting confidence sequence needs a finite range lo < hi, got [" + lo + ", "
                    + hi + "]");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        if (grid < 10) {
            throw new IllegalArgumentException("the grid needs at least 10 intervals, got " + grid);
        }
        this.lo = lo;
        this.span = hi - lo;
        this.alpha = alpha;
        this.threshold = 2 / alpha;
        this.grid = grid;
        this.step = 1.0 / grid;
        this.kPlus = new double[grid + 1];
        this.kMinus = new double[grid + 1];
        java.util.Arrays.fill(kPlus, 1);
        java.util.Arrays.fill(kMinus, 1);
        this.first = 0;
        this.last = grid;
        this.logTwoOverAlpha = Math.log(2 / alpha);
    }

    @Override
    public final void observe(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("a confidence sequence cannot observe NaN");
        }
        double x01 = (x - lo) / span;
        if (x01 < -SLACK || x01 > 1 + SLACK) {
            throw new IllegalArgumentException("value " + x + " lies outside the range [" + lo + ", " + (lo + span) + "]");
        }
        x01 = Math.min(1, Math.max(0, x01));
        beforeObserve();
        if (first <= last) {
            bet(x01, lambdaDot());
        }
        t++;
        sum01 += x01;
        double muHat = (0.5 + sum01) / (t + 1);
        sumSquares += (x01 - muHat) * (x01 - muHat);
        addRaw(x);
        shrink();
        if (first <= last) {
            lower01 = Math.max(lower01, first == 0 ? 0 : (first - 1) * step);
            upper01 = Math.min(upper01, last == grid ? 1 : (last + 1) * step);
        }
        afterObserve();
    }

    /** A check before the value is taken (the without-replacement sequence refuses more than N). */
    void beforeObserve() {
    }

    /** Updates K⁺ and K⁻ of the candidates first..last with value x01 and the predictable λ̇. */
    abstract void bet(double x01, double lambdaDot);

    /** Narrows the [0, 1] bounds further where the sequence knows more (the finite population's feasible means). */
    void afterObserve() {
    }

    /** λ̇_t for the value about to be observed (the t-th, t = observed + 1), from values 1..t−1 only. */
    final double lambdaDot() {
        int tt = t + 1;
        double sigma2 = (0.25 + sumSquares) / tt;
        return Math.sqrt(2 * logTwoOverAlpha / (sigma2 * tt * Math.log(1 + tt)));
    }

    private void shrink() {
        while (first <= last && (kPlus[first] >= threshold || kMinus[first] >= threshold)) {
            first++;
        }
        while (last >= first && (kPlus[last] >= threshold || kMinus[last] >= threshold)) {
            last--;
        }
    }

    private void addRaw(double x) {
        double y = x - rawCompensation;
        double s = rawSum + y;
        rawCompensation = (s - rawSum) - y;
        rawSum = s;
    }

    /** The compensated sum of the observed values on the original scale. */
    final double rawSum() {
        return rawSum;
    }

    @Override
    public double lower() {
        return lo + span * lower01;
    }

    @Override
    public double upper() {
        return lo + span * upper01;
    }

    @Override
    public final int observed() {
        return t;
    }

    @Override
    public final double observedMean() {
        return t == 0 ? Double.NaN : rawSum / t;
    }

    @Override
    public final double alpha() {
        return alpha;
    }
}
