package io.robustgate.evaluation.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The two betting confidence sequences on seeded synthetic data: time-uniform coverage, exactness at exhaustion,
 * narrowing, rescaling and input checks.
 *
 * <p>Coverage runs R = 2,000 sequences and counts those whose interval misses the true mean at <em>any</em> time. The
 * guarantee is a miss rate ≤ α = 0.05; the observed share is a binomial estimate, so the test allows α plus three
 * binomial standard errors, 3·sqrt(α(1 − α)/R) = 3·0.00487 ≈ 0.0146 (a correct sequence exceeds that by chance with
 * probability ≈ 0.1%). The betting sequences are conservative, so the measured shares are far below α.
 */
class ConfidenceSequenceTest {

    private static final double ALPHA = 0.05;
    private static final int RUNS = 2_000;
    private static final double TOLERANCE = ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / RUNS);

    /** Draws like per-image Dice: 75% near 0, 25% near 0.9; mean 0.75·0.08/3 + 0.25·0.895 = 0.24375. */
    static double mixtureDraw(SplittableRandom r) {
        double u = r.nextDouble();
        return r.nextDouble() < 0.75 ? 0.08 * u * u : 0.82 + 0.15 * u;
    }

    static final double MIXTURE_MEAN = 0.75 * 0.08 / 3 + 0.25 * 0.895;

    /** Beta(19, 1) by inversion, mean 19/20 = 0.95: a good model's Dice. */
    static double betaDraw(SplittableRandom r) {
        return Math.pow(r.nextDouble(), 1.0 / 19);
    }

    @Test
    void iidCoversTheMeanAtAllTimes() {
        int n = 300;
        for (String dist : new String[] {"mixture", "beta", "uniform[-1,1]"}) {
            double truth = switch (dist) {
                case "mixture" -> MIXTURE_MEAN;
                case "beta" -> 0.95;
                default -> 0.0;
            };
            double lo = dist.startsWith("uniform") ? -1 : 0;
            long misses = IntStream.range(0, RUNS).parallel().filter(run -> {
                SplittableRandom r = new SplittableRandom(1_000_003L * run + dist.hashCode());
                DoubleSupplier draw = switch (dist) {
                    case "mixture" -> () -> mixtureDraw(r);
                    case "beta" -> () -> betaDraw(r);
                    default -> () -> 2 * r.nextDouble() - 1;
                };
                IidBettingSequence cs = new IidBettingSequence(lo, 1, ALPHA);
                for (int t = 0; t < n; t++) {
                    cs.observe(draw.getAsDouble());
                    if (cs.lower() > truth || cs.upper() < truth) {
                        return true;
                    }
                }
                return false;
            }).count();
            double share = (double) misses / RUNS;
            System.out.printf(Locale.ROOT, "[sequential] iid coverage %-14s n=%d runs=%d miss-at-any-time=%.4f (≤ %.4f)%n",
                    dist, n, RUNS, share, TOLERANCE);
            assertTrue(share <= TOLERANCE, dist + ": the true mean left the sequence in " + share + " of runs");
        }
    }

    @Test
    void withoutReplacementCoversTheSetMeanAtAllTimes() {
        for (int n : new int[] {48, 200}) {
            double[] population = mixturePopulation(n, 7);
            double truth = Arrays.stream(population).average().orElseThrow();
            long misses = IntStream.range(0, RUNS).parallel().filter(run -> {
                int[] order = SequentialDecision.attackOrder(n, 31L * run + n);
                WithoutReplacementBettingSequence cs = new WithoutReplacementBettingSequence(n, 0, 1, ALPHA);
                for (int t = 0; t < n; t++) {
                    cs.observe(population[order[t]]);
                    if (cs.lower() > truth + 1e-12 || cs.upper() < truth - 1e-12) {
                        return true;
                    }
                }
                return false;
            }).count();
            double share = (double) misses / RUNS;
            System.out.printf(Locale.ROOT, "[sequential] without-replacement coverage N=%d runs=%d miss-at-any-time=%.4f (≤ %.4f)%n",
                    n, RUNS, share, TOLERANCE);
            assertTrue(share <= TOLERANCE, "N=" + n + ": the set's mean left the sequence in " + share + " of runs");
        }
    }

    @Test
    void exhaustionGivesTheExactMean() {
        double[] drops = new double[57];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < drops.length; i++) {
            drops[i] = 2 * r.nextDouble() - 1;
        }
        double exact = Arrays.stream(drops).average().orElseThrow();
        WithoutReplacementBettingSequence cs = new WithoutReplacementBettingSequence(drops.length, -1, 1, ALPHA);
        for (int i = 0; i < drops.length; i++) {
            assertTrue(cs.upper() - cs.lower() > 0 || i > 0);
            cs.observe(drops[i]);
        }
        assertTrue(cs.exhausted());
        assertEquals(exact, cs.lower(), 1e-15);
        assertEquals(exact, cs.upper(), 1e-15);
        assertEquals(cs.lower(), cs.upper());
        assertThrows(IllegalStateException.class, () -> cs.observe(0.0));
    }

    @Test
    void boundsNarrowAndNeverWiden() {
        SplittableRandom r = new SplittableRandom(11);
        IidBettingSequence iid = new IidBettingSequence(0, 1, ALPHA);
        WithoutReplacementBettingSequence wor = new WithoutReplacementBettingSequence(400, 0, 1, ALPHA);
        double[] widthIid = new double[401];
        double[] widthWor = new double[401];
        widthIid[0] = widthWor[0] = 1;
        double prevLow = 0;
        double prevHigh = 1;
        for (int t = 1; t <= 400; t++) {
            double x = betaDraw(r);
            iid.observe(x);
            wor.observe(x);
            widthIid[t] = iid.upper() - iid.lower();
            widthWor[t] = wor.upper() - wor.lower();
            assertTrue(iid.lower() >= prevLow && iid.upper() <= prevHigh, "the iid bounds widened at t=" + t);
            assertTrue(widthWor[t] <= widthWor[t - 1] + 1e-15, "the without-replacement bounds widened at t=" + t);
            prevLow = iid.lower();
            prevHigh = iid.upper();
        }
        assertTrue(widthIid[400] < widthIid[100] && widthIid[100] < widthIid[25], Arrays.toString(
                new double[] {widthIid[25], widthIid[100], widthIid[400]}));
        assertTrue(widthIid[400] < 0.05, "after 400 Beta(19,1) values the iid width is " + widthIid[400]);
        // Sampling without replacement knows more: half-way through, its interval is narrower than the iid one.
        assertTrue(widthWor[200] < widthIid[200], widthWor[200] + " vs " + widthIid[200]);
        assertEquals(0, widthWor[400], 0);
    }

    @Test
    void boundsAreOnTheFiguresOwnScale() {
        SplittableRandom r = new SplittableRandom(3);
        IidBettingSequence unit = new IidBettingSequence(0, 1, ALPHA);
        IidBettingSequence drop = new IidBettingSequence(-1, 1, ALPHA);
        for (int t = 0; t < 100; t++) {
            double x = r.nextDouble();
            unit.observe(x);
            drop.observe(2 * x - 1);
            assertEquals(2 * unit.lower() - 1, drop.lower(), 1e-9);
            assertEquals(2 * unit.upper() - 1, drop.upper(), 1e-9);
        }
        assertEquals(100, drop.observed());
    }

    @Test
    void refusesValuesOutsideTheRange() {
        IidBettingSequence cs = new IidBettingSequence(0, 1, ALPHA);
        assertThrows(IllegalArgumentException.class, () -> cs.observe(1.01));
        assertThrows(IllegalArgumentException.class, () -> cs.observe(Double.NaN));
        cs.observe(1 + 1e-12); // rounding slack is clamped
        assertEquals(1, cs.observed());
        assertThrows(IllegalArgumentException.class, () -> new IidBettingSequence(0, Double.POSITIVE_INFINITY, ALPHA));
        assertThrows(IllegalArgumentException.class, () -> new IidBettingSequence(0, 1, 0));
    }

    /** A set of n per-image Dice like a weak model's: 3/4 near 0, 1/4 near 0.9 (mean ≈ 0.25). */
    static double[] mixturePopulation(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] values = new double[n];
        int low = (int) Math.round(0.75 * n);
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            values[i] = i < low ? 0.08 * u * u : 0.82 + 0.15 * u;
        }
        return values;
    }

    /** A Beta(19, 1)-like set of n per-image Dice (its quantiles; mean ≈ 0.95). */
    static double[] betaPopulation(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.pow((i + 0.5) / n, 1.0 / 19);
        }
        return values;
    }
}
