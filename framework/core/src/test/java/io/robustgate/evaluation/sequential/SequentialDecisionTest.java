package io.robustgate.evaluation.sequential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.evaluation.sequential.SequentialLimit.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SequentialDecision}: the error-rate simulation the issue asks for, and the decision rules.
 *
 * <p>The simulation runs {@value #RUNS} seeded sequential evaluations per case: the set is attacked in a fresh seeded
 * random order, batch by batch, until every limit is decided or the set is exhausted. A verdict is wrong when a limit
 * ends MET while the full-set mean fails it, or MISSED while it passes (for the i.i.d. cases: while the population mean
 * does). The share of runs with any wrong verdict must be ≤ α = 0.05 outright — no Monte Carlo allowance, the
 * sequences are conservative enough — and the mean number of images attacked is printed as a {@code [sequential]
 * benchmark} line (docs/sequential.md quotes the table).
 */
class SequentialDecisionTest {

    private static final double ALPHA = 0.05;
    private static final int RUNS = 10_000;
    private static final List<String> TABLE = new ArrayList<>();

    @AfterAll
    static void printTable() {
        if (!TABLE.isEmpty()) {
            System.out.println("[sequential] benchmark | case | N | limits (truth) | batch | runs | wrong | mean attacked | "
                    + "share of set | exhausted |");
            TABLE.forEach(System.out::println);
        }
    }

    /** One simulated case's outcome. */
    record Outcome(String name, int n, String limits, int batch, int runs, double wrongShare, double meanAttacked,
            double exhaustedShare) {

        String line() {
            return String.format(Locale.ROOT, "[sequential] benchmark | %s | %d | %s | %d | %d | %.4f | %.1f | %.1f%% | %.1f%% |",
                    name, n, limits, batch, runs, wrongShare, meanAttacked, 100 * meanAttacked / n, 100 * exhaustedShare);
        }
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    /**
     * Runs {@link #RUNS} sequential evaluations of a fixed set: {@code figures[i][image]} is limit i's figure of each
     * image; the truth is each limit's verdict on the full-set mean.
     */
    static Outcome simulate(String name, double[][] figures, List<SequentialLimit> limits, int batch, long seed) {
        int n = figures[0].length;
        int k = limits.size();
        Decision[] truth = new Decision[k];
        for (int i = 0; i < k; i++) {
            truth[i] = limits.get(i).exact(mean(figures[i]));
        }
        long[] totals = IntStream.range(0, RUNS).parallel().mapToObj(run -> {
            int[] order = SequentialDecision.attackOrder(n, seed * 1_000_003L + run);
            SequentialDecision decision = new SequentialDecision(limits, ALPHA, n, 1000, false);
            int next = 0;
            while (!decision.finished()) {
                int size = Math.min(batch, n - next);
                double[][] images = new double[size][k];
                for (int j = 0; j < size; j++) {
                    for (int i = 0; i < k; i++) {
                        images[j][i] = figures[i][order[next + j]];
                    }
                }
                next += size;
                decision.observeBatch(images);
            }
            return SimulatedRun.outcome(decision, truth);
        }).reduce(new long[3], SimulatedRun::sum);
        return record(new Outcome(name, n, describe(limits, truth), batch, RUNS, (double) totals[0] / RUNS,
                (double) totals[1] / RUNS, (double) totals[2] / RUNS));
    }

    /**
     * Runs {@link #RUNS} sequential evaluations of fresh i.i.d. sets of n images drawn from a population with a known
     * mean: the {@code confidenceBound} statistic's setting, where the truth is the population's mean.
     */
    static Outcome simulateIid(String name, int n, double populationMean, boolean beta, double limit, int batch, long seed) {
        SequentialLimit minimum = SequentialLimit.minimum("minDice", limit, 0, 1, Sequence.IID);
        Decision truth = minimum.exact(populationMean);
        long[] totals = IntStream.range(0, RUNS).parallel().mapToObj(run -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + run);
            SequentialDecision decision = new SequentialDecision(List.of(minimum), ALPHA, n, 1000, false);
            int next = 0;
            while (!decision.finished()) {
                int size = Math.min(batch, n - next);
                double[] values = new double[size];
                for (int j = 0; j < size; j++) {
                    values[j] = beta ? ConfidenceSequenceTest.betaDraw(random) : ConfidenceSequenceTest.mixtureDraw(random);
                }
                next += size;
                decision.observeBatch(values);
            }
            return SimulatedRun.outcome(decision, new Decision[] {truth});
        }).reduce(new long[3], SimulatedRun::sum);
        return record(new Outcome(name, n, describe(List.of(minimum), new Decision[] {truth}), batch, RUNS,
                (double) totals[0] / RUNS, (double) totals[1] / RUNS, (double) totals[2] / RUNS));
    }

    private static synchronized Outcome record(Outcome outcome) {
        TABLE.add(outcome.line());
        return outcome;
    }

    private static String describe(List<SequentialLimit> limits, Decision[] truth) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            parts.add(String.format(Locale.ROOT, "%s %.3f (%s)", limits.get(i).name(), limits.get(i).limit(), truth[i]));
        }
        return String.join(", ", parts);
    }

    private static SequentialLimit minDice(double limit) {
        return SequentialLimit.minimum("minDice", limit, 0, 1, Sequence.WITHOUT_REPLACEMENT);
    }

    @Test
    void farLimitsAreDecidedEarlyAndRightOnAWeakModelsSet() {
        for (int n : new int[] {48, 200}) {
            double[] dice = ConfidenceSequenceTest.mixturePopulation(n, 7);
            for (int batch : new int[] {1, 4}) {
                Outcome o = simulate("mixture, far", new double[][] {dice}, List.of(minDice(0.80)), batch, n + batch);
                assertTrue(o.wrongShare() <= ALPHA, o.line());
                if (n == 200) {
                    assertTrue(o.meanAttacked() <= 0.25 * n, o.line());
                }
            }
        }
    }

    @Test
    void farLimitsAreDecidedEarlyAndRightOnAGoodModelsSet() {
        for (int n : new int[] {48, 200}) {
            double[] dice = ConfidenceSequenceTest.betaPopulation(n);
            for (int batch : new int[] {1, 4}) {
                Outcome o = simulate("beta, far", new double[][] {dice}, List.of(minDice(0.50)), batch, 3 * n + batch);
                assertTrue(o.wrongShare() <= ALPHA, o.line());
                if (n == 200) {
                    assertTrue(o.meanAttacked() <= 0.25 * n, o.line());
                }
            }
        }
    }

    @Test
    void limitsNearTheMeanAreRarelyDecidedWrongly() {
        double[][] sets = {ConfidenceSequenceTest.mixturePopulation(48, 7), ConfidenceSequenceTest.betaPopulation(48),
                ConfidenceSequenceTest.mixturePopulation(200, 7), ConfidenceSequenceTest.betaPopulation(200)};
        String[] names = {"mixture, near", "beta, near", "mixture, near", "beta, near"};
        for (int s = 0; s < sets.length; s++) {
            double m = mean(sets[s]);
            for (double offset : new double[] {-0.02, 0.02}) {
                for (int batch : new int[] {1, 4}) {
                    Outcome o = simulate(names[s], new double[][] {sets[s]}, List.of(minDice(m + offset)), batch,
                            17L * s + batch + (offset > 0 ? 100 : 0));
                    assertTrue(o.wrongShare() <= ALPHA, o.line());
                    assertTrue(o.meanAttacked() <= sets[s].length, o.line());
                }
            }
        }
    }

    @Test
    void twoLimitsShareAlphaByBonferroni() {
        double[] dice = ConfidenceSequenceTest.betaPopulation(200);
        double[] drop = new double[dice.length];
        for (int i = 0; i < dice.length; i++) {
            drop[i] = Math.min(1, 0.98 + 0.02 * (i % 3)) - dice[i]; // clean Dice 0.98–1.00 minus attacked
        }
        List<SequentialLimit> limits = List.of(minDice(mean(dice) - 0.02),
                SequentialLimit.maximum("maxDiceDrop", mean(drop) + 0.02, -1, 1, Sequence.WITHOUT_REPLACEMENT));
        for (int batch : new int[] {1, 4}) {
            Outcome o = simulate("beta, Dice and drop near", new double[][] {dice, drop}, limits, batch, 900 + batch);
            assertTrue(o.wrongShare() <= ALPHA, o.line());
        }
        assertEquals(ALPHA / 2, new SequentialDecision(limits, ALPHA, 200).alphaPerLimit(), 0);
    }

    @Test
    void confidenceBoundLimitsUseTheIidSequenceAndAreRarelyWrong() {
        for (int batch : new int[] {1, 4}) {
            simulateIid("iid beta, far", 200, 0.95, true, 0.50, batch, 40 + batch);
            simulateIid("iid mixture, far", 200, ConfidenceSequenceTest.MIXTURE_MEAN, false, 0.80, batch, 50 + batch);
            for (double offset : new double[] {-0.02, 0.02}) {
                Outcome o = simulateIid("iid beta, near", 200, 0.95, true, 0.95 + offset, batch, 60 + batch);
                assertTrue(o.wrongShare() <= ALPHA, o.line());
            }
        }
    }

    @Test
    void decidedMeansTheWholeSequenceIsOnOneSide() {
        SequentialLimit min = minDice(0.5);
        assertEquals(Decision.MET, min.decide(0.51, 0.9));
        assertEquals(Decision.MISSED, min.decide(0.1, 0.49));
        assertEquals(Decision.UNDECIDED, min.decide(0.5, 0.9));
        assertEquals(Decision.UNDECIDED, min.decide(0.1, 0.5));
        SequentialLimit max = SequentialLimit.maximum("maxDiceDrop", 0.1, -1, 1, Sequence.WITHOUT_REPLACEMENT);
        assertEquals(Decision.MET, max.decide(-0.2, 0.09));
        assertEquals(Decision.MISSED, max.decide(0.11, 0.3));
        assertEquals(Decision.UNDECIDED, max.decide(0.0, 0.1));
        assertEquals(Decision.MET, min.exact(0.5));
        assertEquals(Decision.MET, max.exact(0.1));
        assertEquals(Decision.MISSED, max.exact(0.1000001));
    }

    @Test
    void atExhaustionTheMeanLimitsGetTheFullRunsVerdict() {
        // The limit is exactly the set's mean: no confidence sequence can decide it, the full run can (mean ≥ minimum passes).
        double[] dice = {0.25, 0.75, 0.5, 0.5, 1.0, 0.0, 0.5, 0.5};
        List<SequentialLimit> limits = List.of(minDice(0.5), SequentialLimit.minimum("minDice", 0.5, 0, 1, Sequence.IID));
        SequentialDecision decision = new SequentialDecision(limits, ALPHA, dice.length);
        int[] order = SequentialDecision.attackOrder(dice.length, 42);
        for (int start = 0; start < dice.length; start += 3) {
            assertFalse(decision.finished());
            int size = Math.min(3, dice.length - start);
            double[][] batch = new double[size][];
            for (int j = 0; j < size; j++) {
                batch[j] = new double[] {dice[order[start + j]], dice[order[start + j]]};
            }
            decision.observeBatch(batch);
        }
        assertTrue(decision.exhausted());
        assertTrue(decision.finished());
        assertFalse(decision.settled());
        assertEquals(Decision.MET, decision.decision(0));
        assertEquals(Decision.UNDECIDED, decision.decision(1));
        SequentialRecord record = decision.record();
        assertEquals(8, record.imagesAttacked());
        assertEquals(8, record.imagesTotal());
        assertTrue(record.exhausted());
        assertEquals(List.of(3, 6, 8), record.batches().stream().map(SequentialRecord.BatchBounds::imagesAttacked).toList());
        SequentialRecord.LimitDecision mean = record.limits().get(0);
        assertTrue(mean.exact());
        assertEquals(0.5, mean.lower(), 0);
        assertEquals(0.5, mean.upper(), 0);
        SequentialRecord.LimitDecision bound = record.limits().get(1);
        assertFalse(bound.exact());
        assertTrue(bound.lower() < 0.5 && bound.upper() > 0.5);
        assertEquals(ALPHA / 2, bound.alpha(), 0);

        decision.useFullRunFigures(new double[] {0.5, Double.NaN});
        assertEquals(Decision.MET, decision.decision(0));
        assertThrows(IllegalArgumentException.class, () -> decision.useFullRunFigures(new double[] {0.4, 0.5}));
        assertThrows(IllegalStateException.class, () -> decision.observeBatch(new double[][] {{0.5, 0.5}}));
    }

    @Test
    void stopsWhenEveryLimitIsDecided() {
        double[] dice = ConfidenceSequenceTest.betaPopulation(200);
        SequentialDecision decision = new SequentialDecision(List.of(minDice(0.5)), ALPHA, dice.length);
        int[] order = SequentialDecision.attackOrder(dice.length, 1);
        int next = 0;
        while (!decision.finished()) {
            decision.observeBatch(new double[] {dice[order[next++]], dice[order[next++]]});
        }
        assertTrue(decision.settled());
        assertFalse(decision.exhausted());
        assertEquals(Decision.MET, decision.decision(0));
        SequentialRecord.LimitDecision d = decision.decisions().get(0);
        assertEquals(next, d.decidedAfter());
        assertTrue(d.lower() > 0.5 && !d.exact(), d.toString());
        assertEquals(next / 2, decision.record().batches().size());
    }

    @Test
    void recordSerialisesAsJson() throws Exception {
        SequentialDecision decision = new SequentialDecision(List.of(minDice(0.8),
                SequentialLimit.maximum("maxDiceDrop", 0.2, -1, 1, Sequence.IID)), ALPHA, 10);
        decision.observeBatch(new double[][] {{0.9, 0.05}, {0.85, 0.1}});
        SequentialRecord record = decision.record();
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(record);
        JsonNode tree = mapper.readTree(json);
        assertEquals(2, tree.get("imagesAttacked").asInt());
        assertEquals(10, tree.get("imagesTotal").asInt());
        assertEquals("bonferroni", tree.get("alphaSplit").asText());
        assertEquals("UNDECIDED", tree.get("limits").get(0).get("decision").asText());
        assertEquals("WITHOUT_REPLACEMENT", tree.get("limits").get(0).get("sequence").asText());
        assertEquals("MAXIMUM", tree.get("limits").get(1).get("side").asText());
        assertEquals(record, mapper.readValue(json, SequentialRecord.class));
    }

    @Test
    void attackOrderIsASeededPermutation() {
        int[] a = SequentialDecision.attackOrder(200, 9);
        assertArrayEquals(a, SequentialDecision.attackOrder(200, 9));
        assertNotEquals(Arrays.toString(a), Arrays.toString(SequentialDecision.attackOrder(200, 10)));
        assertArrayEquals(IntStream.range(0, 200).toArray(), Arrays.stream(a).sorted().toArray());
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new SequentialDecision(List.of(), ALPHA, 10));
        assertThrows(IllegalArgumentException.class, () -> new SequentialDecision(List.of(minDice(0.8)), 1.5, 10));
        assertThrows(IllegalArgumentException.class,
                () -> SequentialLimit.maximum("maxHd95", 5, 0, Double.POSITIVE_INFINITY, Sequence.IID));
        SequentialDecision decision = new SequentialDecision(List.of(minDice(0.8)), ALPHA, 2);
        assertThrows(IllegalStateException.class, () -> decision.observeBatch(new double[] {0.1, 0.2, 0.3}));
        assertThrows(IllegalArgumentException.class, () -> decision.observeBatch(new double[][] {{0.1, 0.2}}));
        assertThrows(IllegalStateException.class, () -> decision.useFullRunFigures(new double[] {0.1}));
    }
}
