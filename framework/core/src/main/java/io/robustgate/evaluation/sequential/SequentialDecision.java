package io.robustgate.evaluation.sequential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides a set of limits sequentially: images are attacked in a seeded random order ({@link #attackOrder}), batch by
 * batch; after each batch every limit is checked against its anytime-valid confidence sequence, and the evaluation may
 * stop once {@link #finished()} — every limit decided ({@link #settled()}), one missed, or the set exhausted.
 *
 * <h2>α split</h2>
 * The gate's α (default 0.05) bounds the probability that <em>any</em> decided limit is decided wrongly. It is split over
 * the k limits by Bonferroni: each limit's confidence sequence is built at α/k, so by the union bound all k sequences
 * cover their means at all times together with probability ≥ 1 − α. A limit with both a minimum and a maximum counts
 * as two limits. (Each sequence is two-sided; inside it α/k is split evenly between the two sides by the hedge θ = 1/2.)
 *
 * <h2>Decided</h2>
 * A limit is decided when the whole interval [lower, upper] lies on one side of it: for a minimum, lower &gt; limit is
 * MET and upper &lt; limit is MISSED; for a maximum, upper &lt; limit is MET and lower &gt; limit is MISSED; a bound equal
 * to the limit leaves it UNDECIDED. A decision, once made, stands (the sequences only narrow, so it stays consistent)
 * unless the set is exhausted. Because the sequences are valid at all times at once, checking after every batch and
 * stopping at the first moment everything is decided does not raise the error above α (no p-hacking).
 *
 * <h2>Exhaustion</h2>
 * When every image has been attacked the figures are exactly those of a full run. A {@link SequentialLimit.Sequence#WITHOUT_REPLACEMENT}
 * limit (the {@code mean} statistic) is then decided exactly: its sequence collapses to the set's mean, and the decision
 * is the full run's verdict — mean ≥ minimum (mean ≤ maximum) is MET, otherwise MISSED — replacing any earlier decision
 * (which disagrees only in the ≤ α event that a sequence missed). For bit-identical agreement with the evaluator's own
 * mean, pass it to {@link #useFullRunFigures}. An {@link SequentialLimit.Sequence#IID} limit (the {@code confidenceBound}
 * statistic) stays UNDECIDED if its sequence has not decided it: the gate then applies today's full-run statistic.
 *
 * <p>Not thread-safe; one instance per evaluation.
 */
public final class SequentialDecision {

    /** The α of a gate that gives none. */
    public static final double DEFAULT_ALPHA = 0.05;

    private final List<SequentialLimit> limits;
    private final double alpha;
    private final int imagesTotal;
    private final ConfidenceSequence[] sequences;
    private final Decision[] decisions;
    private final boolean[] exact;
    private final int[] decidedAfter;
    private final boolean keepHistory;
    private final List<SequentialRecord.BatchBounds> history = new ArrayList<>();
    private int imagesAttacked;

    /** Decides {@code limits} over a set of {@code imagesTotal} images at family-wise level α, keeping the bounds after each batch. */
    public SequentialDecision(List<SequentialLimit> limits, double alpha, int imagesTotal) {
        this(limits, alpha, imagesTotal, GridBettingSequence.DEFAULT_GRID, true);
    }

    /**
     * As {@link #SequentialDecision(List, double, int)}, with the grid size of the sequences and whether to keep the
     * per-batch bounds (simulations turn it off).
     */
    public SequentialDecision(List<SequentialLimit> limits, double alpha, int imagesTotal, int grid, boolean keepHistory) {
        if (limits == null || limits.isEmpty()) {
            throw new IllegalArgumentException("a sequential decision needs at least one limit");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        if (imagesTotal < 1) {
            throw new IllegalArgumentException("a sequential decision needs at least one image, got " + imagesTotal);
        }
        this.limits = List.copyOf(limits);
        this.alpha = alpha;
        this.imagesTotal = imagesTotal;
        this.keepHistory = keepHistory;
        int k = this.limits.size();
        double share = alphaPerLimit();
        sequences = new ConfidenceSequence[k];
        for (int i = 0; i < k; i++) {
            SequentialLimit l = this.limits.get(i);
            sequences[i] = l.sequence() == SequentialLimit.Sequence.WITHOUT_REPLACEMENT
                    ? new WithoutReplacementBettingSequence(imagesTotal, l.lowest(), l.highest(), share, grid)
                    : new IidBettingSequence(l.lowest(), l.highest(), share, grid);
        }
        decisions = new Decision[k];
        Arrays.fill(decisions, Decision.UNDECIDED);
        exact = new boolean[k];
        decidedAfter = new int[k];
    }

    /**
     * A seeded uniformly random order of the images 0..n−1 (Fisher–Yates with {@link SplittableRandom}): the order in
     * which a sequential evaluation attacks them. The same seed gives the same order on every machine.
     */
    public static int[] attackOrder(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Each limit's share of α: α/k (Bonferroni). */
    public double alphaPerLimit() {
        return alpha / limits.size();
    }

    /**
     * Feeds one batch of attacked images and checks every limit. {@code batch[j][i]} is image j's figure for limit i
     * (in the order the limits were given); a batch may be empty only when nothing is left.
     */
    public void observeBatch(double[][] batch) {
        if (imagesAttacked + batch.length > imagesTotal) {
            throw new IllegalStateException("the set has " + imagesTotal + " images; " + imagesAttacked
                    + " were attacked and a batch of " + batch.length + " more came");
        }
        int k = limits.size();
        for (double[] image : batch) {
            if (image.length != k) {
                throw new IllegalArgumentException("an image needs one figure per limit (" + k + "), got " + image.length);
            }
            for (int i = 0; i < k; i++) {
                sequences[i].observe(image[i]);
            }
        }
        imagesAttacked += batch.length;
        check();
    }

    /** Feeds one batch of a single limit's figures (a decision with one limit): {@code values[j]} is image j's figure. */
    public void observeBatch(double[] values) {
        if (limits.size() != 1) {
            throw new IllegalStateException("this decision has " + limits.size() + " limits: give each image's figures");
        }
        if (imagesAttacked + values.length > imagesTotal) {
            throw new IllegalStateException("the set has " + imagesTotal + " images; " + imagesAttacked
                    + " were attacked and a batch of " + values.length + " more came");
        }
        for (double v : values) {
            sequences[0].observe(v);
        }
        imagesAttacked += values.length;
        check();
    }

    private void check() {
        int k = limits.size();
        boolean done = exhausted();
        for (int i = 0; i < k; i++) {
            SequentialLimit l = limits.get(i);
            ConfidenceSequence cs = sequences[i];
            if (done && l.sequence() == SequentialLimit.Sequence.WITHOUT_REPLACEMENT) {
                decisions[i] = l.exact(cs.observedMean());
                exact[i] = true;
                if (decidedAfter[i] == 0) {
                    decidedAfter[i] = imagesAttacked;
                }
            } else if (decisions[i] == Decision.UNDECIDED) {
                Decision d = l.decide(cs.lower(), cs.upper());
                if (d != Decision.UNDECIDED) {
                    decisions[i] = d;
                    decidedAfter[i] = imagesAttacked;
                }
            }
        }
        if (keepHistory) {
            List<Double> lower = new ArrayList<>(k);
            List<Double> upper = new ArrayList<>(k);
            for (ConfidenceSequence cs : sequences) {
                lower.add(cs.lower());
                upper.add(cs.upper());
            }
            history.add(new SequentialRecord.BatchBounds(imagesAttacked, lower, upper));
        }
    }

    /**
     * At exhaustion, decides the without-replacement limits on the evaluator's own full-run figures (e.g. its
     * {@code Summary.mean}) instead of this class's sum, so that the verdict is bit-for-bit the full run's. Each figure
     * must agree with the mean of the values fed to 1e-9 of the figure's span; IID limits' entries are ignored.
     */
    public void useFullRunFigures(double[] figures) {
        if (!exhausted()) {
            throw new IllegalStateException("full-run figures decide only once every image is attacked (" + imagesAttacked
                    + " of " + imagesTotal + ")");
        }
        if (figures.length != limits.size()) {
            throw new IllegalArgumentException("one figure per limit (" + limits.size() + "), got " + figures.length);
        }
        for (int i = 0; i < figures.length; i++) {
            SequentialLimit l = limits.get(i);
            if (l.sequence() != SequentialLimit.Sequence.WITHOUT_REPLACEMENT) {
                continue;
            }
            double mean = sequences[i].observedMean();
            if (!(Math.abs(figures[i] - mean) <= 1e-9 * (l.highest() - l.lowest()))) {
                throw new IllegalArgumentException("limit " + l.name() + ": the full run's figure " + figures[i]
                        + " is not the mean " + mean + " of the values observed");
            }
            decisions[i] = l.exact(figures[i]);
        }
    }

    /** Whether every limit is decided (MET or MISSED). */
    public boolean settled() {
        for (Decision d : decisions) {
            if (d == Decision.UNDECIDED) {
                return false;
            }
        }
        return true;
    }

    /** Whether every image has been attacked. */
    public boolean exhausted() {
        return imagesAttacked == imagesTotal;
    }

    /**
     * Whether the evaluation stops: every limit decided, or one MISSED (the gate fails whatever the others' decisions
     * would be, so attacking more images could not change the verdict), or the set exhausted.
     */
    public boolean finished() {
        return settled() || anyMissed() || exhausted();
    }

    /** Whether some limit is MISSED; with every other limit decided, the gate fails now. */
    public boolean anyMissed() {
        for (Decision d : decisions) {
            if (d == Decision.MISSED) {
                return true;
            }
        }
        return false;
    }

    public int imagesAttacked() {
        return imagesAttacked;
    }

    public int imagesTotal() {
        return imagesTotal;
    }

    public double alpha() {
        return alpha;
    }

    public List<SequentialLimit> limits() {
        return limits;
    }

    /** Limit i's decision now. */
    public Decision decision(int i) {
        return decisions[i];
    }

    /** Limit i's confidence sequence (its bounds are on the figure's own scale). */
    public ConfidenceSequence sequence(int i) {
        return sequences[i];
    }

    /** Each limit's decision and bounds now. */
    public List<SequentialRecord.LimitDecision> decisions() {
        List<SequentialRecord.LimitDecision> out = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            SequentialLimit l = limits.get(i);
            ConfidenceSequence cs = sequences[i];
            out.add(new SequentialRecord.LimitDecision(l.name(), l.label(), l.side(), l.limit(), l.sequence(), alphaPerLimit(),
                    decisions[i], exact[i], decidedAfter[i], cs.lower(), cs.upper(), cs.observedMean()));
        }
        return out;
    }

    /** What the result records: images attacked of how many, α and its split, the decisions, the bounds per batch. */
    public SequentialRecord record() {
        return new SequentialRecord(imagesAttacked, imagesTotal, alpha, "bonferroni", exhausted(), decisions(), history);
    }
}
