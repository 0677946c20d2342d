package io.robustgate.evaluation.sequential;

/**
 * A confidence sequence for the mean μ of i.i.d. values bounded in [lo, hi]: the hedged capital process with predictable
 * plug-in bets of Waudby-Smith &amp; Ramdas, "Estimating means of bounded random variables by betting", JRSS-B 85(1),
 * 2023 (arXiv:2010.09686), §4 (Theorem 3, the hedged capital CS, with the PrPl bets of their §4/§5). On the [0, 1]
 * scale, with conditional mean μ_t(m) = m:
 * <pre>
 *   K⁺_t(m) = Π_{i≤t} (1 + min(λ̇_i, c/m) · (x_i − m))      K⁻_t(m) = Π_{i≤t} (1 − min(λ̇_i, c/(1−m)) · (x_i − m))
 *   C_t = { m : max(K⁺_s(m), K⁻_s(m)) &lt; 2/α for all s ≤ t }
 * </pre>
 * with λ̇ as in {@link GridBettingSequence} and c = 1/2. Valid when the values are independent draws with mean μ (more
 * generally: conditional mean μ given the past); the bounds never collapse, however many values are seen.
 *
 * <p>This is the sequence for a gate on the pessimistic end of a confidence interval: such a gate is a statement about
 * the population the held-out set was drawn from, not about the set, and a random order of an i.i.d. set is again an
 * i.i.d. sequence from that population.
 */
public final class IidBettingSequence extends GridBettingSequence {

    /** A sequence for values in [lo, hi] at level α on the default grid of 1,000 intervals. */
    public IidBettingSequence(double lo, double hi, double alpha) {
        this(lo, hi, alpha, DEFAULT_GRID);
    }

    /** A sequence for values in [lo, hi] at level α on a grid of {@code grid} intervals of [lo, hi]. */
    public IidBettingSequence(double lo, double hi, double alpha, int grid) {
        super(lo, hi, alpha, grid);
    }

    @Override
    void bet(double x01, double lambdaDot) {
        double[] kp = kPlus;
        double[] km = kMinus;
        // λ⁺ = min(λ̇, c/m) is λ̇ while m ≤ c/λ̇; λ⁻ = min(λ̇, c/(1−m)) is λ̇ while m ≥ 1 − c/λ̇: divide only where truncated.
        double plusUntil = TRUNCATION / lambdaDot;
        double minusFrom = 1 - plusUntil;
        for (int j = first; j <= last; j++) {
            double m = j * step;
            double d = x01 - m;
            kp[j] *= m <= plusUntil ? 1 + lambdaDot * d : 1 + TRUNCATION * d / m;
            km[j] *= m >= minusFrom ? 1 - lambdaDot * d : 1 - TRUNCATION * d / (1 - m);
        }
    }
}
