package io.robustgate.evaluation.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.data.Sample;
import io.robustgate.evaluation.SampleBlocks;
import io.robustgate.evaluation.sequential.SequentialLimit.Sequence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The error-rate simulation on <em>recorded</em> per-image figures: the sample project's 48 HC18 test images, each
 * image's clean Dice and its Dice under PGD-40 at 2/255 and FGSM at 1, 2 and 4/255, as the sample's own build measured
 * them ({@code sequential/hc18-per-image.csv}, written by {@code python/sequential_fixture.py} from its results), and
 * synthetic sets with limits just off their mean.
 *
 * <p>Unlike {@link SequentialDecisionTest}, which feeds uniformly random orders of single images, every run here goes
 * through the evaluator's own procedure: the set is cut into the identity-hash blocks of the batch size
 * ({@link SampleBlocks}), {@link SequentialOrder} orders the blocks and each block's feed with the run's seed, and the
 * decision stops when {@link SequentialDecision#finished()}. Each case runs {@value #RUNS} seeds. A verdict is wrong when
 * a limit ends MET while the full set's mean fails it, or MISSED while it passes; the share of runs with any wrong
 * verdict must be ≤ α = 0.05. Far limits must be decided after ≤ 25% of the images on average. The table is printed
 * as {@code [sequential] recorded} lines and quoted in docs/sequential.md and the README.
 */
class RecordedSetSimulationTest {

    private static final double ALPHA = 0.05;
    private static final int RUNS = 10_000;
    private static final List<String> TABLE = new ArrayList<>();
    private static Map<String, double[]> recorded;
    private static List<Sample> recordedSamples;

    @BeforeAll
    static void readRecordedFigures() throws IOException {
        List<String> lines;
        try (InputStream in = RecordedSetSimulationTest.class.getResourceAsStream("/sequential/hc18-per-image.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        String[] header = lines.get(0).split(",");
        recorded = new LinkedHashMap<>();
        for (int c = 3; c < header.length; c++) {
            recorded.put(header[c], new double[lines.size() - 1]);
        }
        recordedSamples = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            recordedSamples.add(new Sample(cells[0], cells[1], cells[2], "", null, null));
            for (int c = 3; c < header.length; c++) {
                recorded.get(header[c])[r - 1] = Double.parseDouble(cells[c]);
            }
        }
    }

    @AfterAll
    static void printTable() {
        System.out.println("[sequential] recorded | figures | N | batch | limits (truth) | runs | wrong | mean attacked | "
                + "share of set | exhausted |");
        TABLE.forEach(System.out::println);
    }

    /** One case's outcome over {@link #RUNS} seeds. */
    record Outcome(String name, int n, int batch, String limits, double wrongShare, double meanAttacked, double exhaustedShare) {

        String line() {
            return String.format(Locale.ROOT, "[sequential] recorded | %s | %d | %d | %s | %d | %.4f | %.1f | %.1f%% | %.1f%% |",
                    name, n, batch, limits, RUNS, wrongShare, meanAttacked, 100 * meanAttacked / n, 100 * exhaustedShare);
        }
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double[] column(String name) {
        double[] values = recorded.get(name);
        assertTrue(values != null, "no column " + name + " in hc18-per-image.csv");
        return values;
    }

    private static double[] drop(String attacked) {
        double[] clean = column("clean_dice");
        double[] adversarial = column(attacked);
        double[] drop = new double[clean.length];
        for (int i = 0; i < clean.length; i++) {
            drop[i] = clean[i] - adversarial[i];
        }
        return drop;
    }

    private static SequentialLimit minDice(double limit) {
        return SequentialLimit.minimum("minDice", limit, 0, 1, Sequence.WITHOUT_REPLACEMENT);
    }

    private static SequentialLimit maxDiceDrop(double limit) {
        return SequentialLimit.maximum("maxDiceDrop", limit, -1, 1, Sequence.WITHOUT_REPLACEMENT);
    }

    /**
     * {@link #RUNS} sequential evaluations of one set through the evaluator's block procedure: {@code figures[i][image]}
     * is limit i's figure of each image, {@code samples} gives the identities the blocks are hashed from.
     */
    static Outcome simulate(String name, List<Sample> samples, double[][] figures, List<SequentialLimit> limits, int batch,
            long seed) {
        int n = samples.size();
        int k = limits.size();
        Decision[] truth = new Decision[k];
        for (int i = 0; i < k; i++) {
            truth[i] = limits.get(i).exact(mean(figures[i]));
        }
        List<int[]> blocks = SampleBlocks.of(samples, batch);
        long[] totals = IntStream.range(0, RUNS).parallel().mapToObj(run -> {
            SequentialOrder order = SequentialOrder.of(blocks, seed * 1_000_003L + run);
            SequentialDecision decision = new SequentialDecision(limits, ALPHA, n, 1000, false);
            for (int b = 0; b < order.batches().size() && !decision.finished(); b++) {
                int[] positions = order.batches().get(b);
                int[] feed = order.feedOrder(b);
                double[][] images = new double[positions.length][k];
                for (int j = 0; j < positions.length; j++) {
                    for (int i = 0; i < k; i++) {
                        images[j][i] = figures[i][positions[feed[j]]];
                    }
                }
                decision.observeBatch(images);
            }
            return SimulatedRun.outcome(decision, truth);
        }).reduce(new long[3], SimulatedRun::sum);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            parts.add(String.format(Locale.ROOT, "%s %.3f (%s)", limits.get(i).name(), limits.get(i).limit(), truth[i]));
        }
        Outcome outcome = new Outcome(name, n, batch, String.join(", ", parts), (double) totals[0] / RUNS,
                (double) totals[1] / RUNS, (double) totals[2] / RUNS);
        synchronized (TABLE) {
            TABLE.add(outcome.line());
        }
        return outcome;
    }

    private static Outcome recordedCase(String name, double[][] figures, List<SequentialLimit> limits, int batch, long seed) {
        return simulate(name, recordedSamples, figures, limits, batch, seed);
    }

    @Test
    void theFixtureIsTheSamplesTestSplit() {
        assertEquals(48, recordedSamples.size());
        // The sample's measured means (FetalHeadRobustnessTest's javadoc): clean 0.902, PGD 0.252, FGSM 0.687/0.541/0.378.
        assertEquals(0.902, mean(column("clean_dice")), 0.0005);
        assertEquals(0.252, mean(column("pgd40_2_dice")), 0.0005);
        assertEquals(0.687, mean(column("fgsm1_dice")), 0.0005);
        assertEquals(0.541, mean(column("fgsm2_dice")), 0.0005);
        assertEquals(0.378, mean(column("fgsm4_dice")), 0.0005);
    }

    @Test
    void farLimitsOnTheSamplesFiguresAreDecidedRightAfterAQuarterOfTheSetAtMost() {
        long seed = 1;
        for (int batch : new int[] {1, 2, 3}) {
            List<Outcome> far = List.of(
                    recordedCase("PGD-40 2/255 Dice", new double[][] {column("pgd40_2_dice")}, List.of(minDice(0.80)), batch, seed++),
                    recordedCase("FGSM 4/255 Dice", new double[][] {column("fgsm4_dice")}, List.of(minDice(0.80)), batch, seed++),
                    recordedCase("clean Dice", new double[][] {column("clean_dice")}, List.of(minDice(0.50)), batch, seed++),
                    // SequentialGateTest's FGSM gate in the sample project
                    recordedCase("FGSM 1/255 Dice", new double[][] {column("fgsm1_dice")}, List.of(minDice(0.30)), batch, seed++));
            for (Outcome o : far) {
                assertTrue(o.wrongShare() <= ALPHA, o.line());
                assertTrue(o.meanAttacked() <= 0.25 * o.n(), o.line());
            }
            // A drop lies in [−1, 1], twice Dice's span, so the same distance to its limit takes more images (about a
            // quarter of the set, measured); only the error rate is asserted.
            Outcome drop = recordedCase("PGD-40 2/255 drop", new double[][] {drop("pgd40_2_dice")}, List.of(maxDiceDrop(0.05)),
                    batch, seed++);
            assertTrue(drop.wrongShare() <= ALPHA, drop.line());
            assertTrue(drop.meanAttacked() < drop.n(), drop.line());
        }
    }

    @Test
    void limitsNearTheSamplesMeansAreRarelyDecidedWrongly() {
        long seed = 100;
        String[] columns = {"pgd40_2_dice", "fgsm1_dice", "fgsm2_dice", "fgsm4_dice"};
        String[] names = {"PGD-40 2/255 Dice", "FGSM 1/255 Dice", "FGSM 2/255 Dice", "FGSM 4/255 Dice"};
        for (int c = 0; c < columns.length; c++) {
            double[] dice = column(columns[c]);
            for (double offset : new double[] {-0.10, -0.05, -0.02, 0.02, 0.05, 0.10}) {
                for (int batch : new int[] {1, 3}) {
                    Outcome o = recordedCase(names[c] + ", mean " + (offset > 0 ? "+" : "") + offset, new double[][] {dice},
                            List.of(minDice(mean(dice) + offset)), batch, seed++);
                    assertTrue(o.wrongShare() <= ALPHA, o.line());
                }
            }
        }
    }

    @Test
    void theSamplesOwnPgdGateIsDecidedRightWithBothItsLimits() {
        // FetalHeadRobustnessTest's PGD gate: minDice 0.20 and maxDiceDrop 0.70, two limits at α/2 each.
        List<SequentialLimit> limits = List.of(minDice(0.20), maxDiceDrop(0.70));
        for (int batch : new int[] {1, 3}) {
            Outcome o = recordedCase("PGD-40 2/255 Dice and drop", new double[][] {column("pgd40_2_dice"), drop("pgd40_2_dice")},
                    limits, batch, 300 + batch);
            assertTrue(o.wrongShare() <= ALPHA, o.line());
        }
    }

    @Test
    void syntheticSetsJustOffTheLimitAreRarelyDecidedWrongly() {
        long seed = 500;
        for (int n : new int[] {48, 200}) {
            List<Sample> samples = IntStream.range(0, n)
                    .mapToObj(i -> new Sample(String.format(Locale.ROOT, "synthetic-%03d.png", i), "mask.png", "p1", "", null, null))
                    .toList();
            double[][] sets = {ConfidenceSequenceTest.mixturePopulation(n, 7), ConfidenceSequenceTest.betaPopulation(n)};
            String[] names = {"synthetic mixture", "synthetic beta"};
            for (int s = 0; s < sets.length; s++) {
                double m = mean(sets[s]);
                for (double offset : new double[] {-0.01, 0.01}) {
                    Outcome o = simulate(names[s] + ", mean " + (offset > 0 ? "+" : "") + offset, samples,
                            new double[][] {sets[s]}, List.of(minDice(m + offset)), Math.max(1, n / 16), seed++);
                    assertTrue(o.wrongShare() <= ALPHA, o.line());
                }
            }
        }
    }
}
