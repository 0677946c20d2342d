package io.robustgate.attack;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import io.robustgate.model.SegmentationNetwork;
import java.util.List;
import java.util.Set;

/**
 * What an attack works against for one batch — ART's estimator: the network with its prompts, the
 * ground-truth masks and the prediction threshold. It gives losses, input gradients and logits,
 * counts gradient passes and loss-only queries, and traces what the gradient-masking alarms need.
 * Arrays it returns live in the manager of the pixels passed in.
 */
public final class AttackObjective implements LossOracle {

    private static final Object GRADIENT_PASS = new Object();

    private final SegmentationNetwork network;
    private final NDArray inputIds;
    private final NDArray attentionMask;
    private final NDArray targets;
    private final AttackLoss loss;
    private final float threshold;
    private final ObjectiveTrace trace;
    /** Which samples are out of the passes: at the floor (only with early exit) or withheld for a masked gradient. */
    private final FloorExit exits;
    private final boolean earlyExit;
    /** Whether a sample whose gradient at the start of a run is masked leaves the passes ({@link #withholdMaskedGradients}). */
    private boolean withholdMasked;
    /** Gradient passes averaged into each evaluation: Expectation over Transformation ({@link #averageOver}). */
    private int samplesPerGradient = 1;
    private final int[] samplePasses;
    private int gradientPasses;
    private int lossQueries;
    private PassListener passListener = PassListener.NONE;

    /** Told after every gradient pass, with the attack loop's step it belonged to. */
    @FunctionalInterface
    public interface PassListener {
        PassListener NONE = (step, steps, passes) -> {};

        void afterPass(int step, int steps, int passes);
    }

    /** Loss per sample, its input gradient, and the logits seen on the way (no graph attached). */
    public record Evaluation(NDArray losses, NDArray gradient, NDArray logits) {}

    /** @param loss what {@link #evaluate(NDArray)} and {@link #losses(NDArray)} use when no loss is named */
    public AttackObjective(SegmentationNetwork network, NDArray inputIds, NDArray attentionMask, NDArray targets,
            AttackLoss loss, float threshold) {
        this(network, inputIds, attentionMask, targets, loss, threshold, false);
    }

    /**
     * @param earlyExit whether a sample leaves the gradient passes once its Dice is 0 ({@link FloorExit});
     *     only for attacking samples one by one, never for fitting a set-level attack, which needs every gradient
     */
    public AttackObjective(SegmentationNetwork network, NDArray inputIds, NDArray attentionMask, NDArray targets,
            AttackLoss loss, float threshold, boolean earlyExit) {
        this.network = network;
        this.threshold = threshold;
        this.inputIds = inputIds;
        this.attentionMask = attentionMask;
        this.targets = targets;
        this.loss = loss;
        int batch = (int) targets.getShape().get(0);
        this.trace = new ObjectiveTrace(batch);
        this.exits = new FloorExit(batch);
        this.earlyExit = earlyExit;
        this.samplePasses = new int[batch];
    }

    /** Whom to tell after each gradient pass (the evaluator's progress inside a long first batch). */
    public void onPass(PassListener listener) {
        this.passListener = listener == null ? PassListener.NONE : listener;
    }

    public SegmentationNetwork network() {
        return network;
    }

    public NDArray targets() {
        return targets;
    }

    public float threshold() {
        return threshold;
    }

    /** Logits without building a graph. */
    public NDArray logits(NDArray pixels) {
        return network.logits(pixels, inputIds, attentionMask);
    }

    /** The default loss of each sample, without a gradient. */
    public NDArray losses(NDArray pixels) {
        return losses(pixels, loss);
    }

    @Override
    public NDArray losses(NDArray pixels, AttackLoss lossToUse) {
        lossQueries++;
        return lossToUse.perSample(new LossInput(logits(pixels), targets, threshold, 0, 1));
    }

    /** Dice of each sample's prediction {@code sigmoid(z) > threshold}, shape {@code [B]}. */
    public NDArray dice(NDArray logits) {
        return DiceArrays.dice(logits, targets, threshold);
    }

    /** Each sample's Dice in double precision, as the evaluator records it: for figures compared with its own. */
    public double[] exactDice(NDArray logits) {
        return DiceArrays.exactDice(logits, targets, threshold);
    }

    /** The default loss's gradient at {@code pixels}, as the single step of a one-step attack. */
    public Evaluation evaluate(NDArray pixels) {
        return evaluate(pixels, loss, 0, 1);
    }

    /**
     * Gradient of the summed per-sample {@code lossToUse} at step {@code step} of {@code steps} with
     * respect to {@code pixels}, which stay untouched. DJL allows one gradient collector per JVM at a
     * time, so gradient passes of tests running in parallel take turns here rather than fail.
     */
    public Evaluation evaluate(NDArray pixels, AttackLoss lossToUse, int step, int steps) {
        int batch = samplePasses.length;
        int[] rows = exits.active();
        if (rows.length == 0) {
            return exits.allSettled(pixels);
        }
        boolean[] skipped = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            skipped[b] = exits.out(b);
        }
        NDArray rowPixels = FloorExit.rows(pixels, rows);
        NDArray rowTargets = FloorExit.rows(targets, rows);
        Evaluation pass = pass(rows, rowPixels, rowTargets, lossToUse, step, steps);
        if (samplesPerGradient > 1) {
            NDArray losses = pass.losses();
            NDArray gradient = pass.gradient();
            NDArray logits = pass.logits();
            for (int k = 1; k < samplesPerGradient; k++) {
                Evaluation another = pass(rows, rowPixels, rowTargets, lossToUse, step, steps);
                losses = losses.add(another.losses());
                gradient = gradient.add(another.gradient());
                logits = logits.add(another.logits());
            }
            pass = new Evaluation(losses.div(samplesPerGradient), gradient.div(samplesPerGradient), logits.div(samplesPerGradient));
        }
        Evaluation evaluation = pass;
        if (earlyExit || rows.length < batch) {
            evaluation = new Evaluation(exits.losses(rows, pass.losses()), exits.gradient(rows, pass.gradient()),
                    exits.logits(rows, pass.logits()));
        }
        if (earlyExit) {
            exits.record(rows, rowPixels, pass.logits(), pass.losses(), rowTargets, threshold);
        }
        if (withholdMasked && step == 0) {
            exits.withholdMasked(rows, pass.gradient(), pass.logits(), pass.losses());
        }
        trace.record(step, evaluation.losses(), evaluation.gradient(),
                ObjectiveTrace.watched(step) ? dice(evaluation.logits()) : null, skipped);
        passListener.afterPass(step, steps, gradientPasses);
        return evaluation;
    }

    /** One forward and backward pass over rows {@code rows}, counted per sample. */
    private Evaluation pass(int[] rows, NDArray rowPixels, NDArray rowTargets, AttackLoss lossToUse, int step, int steps) {
        Evaluation pass;
        synchronized (GRADIENT_PASS) {
            NDArray input = rowPixels.duplicate();
            input.setRequiresGradient(true);
            NDArray rowIds = FloorExit.rows(inputIds, rows);
            NDArray rowMask = FloorExit.rows(attentionMask, rows);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits = network.gradientLogits(input, rowIds, rowMask);
                NDArray losses = lossToUse.perSample(new LossInput(logits, rowTargets, threshold, step, steps));
                collector.backward(losses.sum());
                pass = new Evaluation(losses.stopGradient(), input.getGradient().duplicate(), logits.stopGradient());
            }
            if (network.hasGradientStandIn()) {
                // BPDA: the gradient is the stand-in's, but what the attack keeps, scores and stops on is the model's
                NDArray logits = network.logits(rowPixels, rowIds, rowMask);
                NDArray losses = lossToUse.perSample(new LossInput(logits, rowTargets, threshold, step, steps));
                pass = new Evaluation(losses, pass.gradient(), logits);
            }
        }
        gradientPasses++;
        for (int b : rows) {
            samplePasses[b]++;
        }
        return pass;
    }

    /**
     * Expectation over Transformation (Athalye, Carlini &amp; Wagner, ICML 2018): from now on each
     * {@link #evaluate} averages the losses, input gradients and logits of {@code samples} gradient
     * passes at the same pixels, so that a model that transforms its input at random on every forward
     * pass is attacked through the transformation's expectation. Each pass counts as one gradient
     * pass of every sample in it. An attack with the {@code eot} option sets this before its first step.
     */
    public void averageOver(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("eot must be at least 1, is " + samples);
        }
        this.samplesPerGradient = samples;
    }

    /**
     * From now on, a sample whose input gradient at the start of a run (step 0) is exactly zero or
     * not finite takes part in no further gradient pass of this objective: its gradient then reads
     * 0 and its loss and logits stay those of that pass, while loss-only queries still see it. A
     * composite attack asks for this so that masked gradients cannot spend its passes for nothing;
     * it then hands the {@linkplain #gradientWithheld withheld} samples to a gradient-free attack.
     */
    void withholdMaskedGradients() {
        this.withholdMasked = true;
    }

    /** Whether sample {@code b} left the gradient passes because its input gradient was masked. */
    boolean gradientWithheld(int b) {
        return exits.withheld(b);
    }

    /**
     * Loss-only queries on rows {@code rows} of this batch (their prompts and masks, in that order),
     * counted with this objective's: for a gradient-free attack on only some of the batch.
     */
    LossOracle rowsOracle(int[] rows) {
        NDArray rowIds = FloorExit.rows(inputIds, rows);
        NDArray rowMask = FloorExit.rows(attentionMask, rows);
        NDArray rowTargets = FloorExit.rows(targets, rows);
        return (pixels, lossToUse) -> {
            lossQueries++;
            return lossToUse.perSample(new LossInput(network.logits(pixels, rowIds, rowMask), rowTargets, threshold, 0, 1));
        };
    }

    /** Logits of rows {@code rows} of this batch for {@code rowPixels}, which hold only those rows. */
    NDArray rowsLogits(int[] rows, NDArray rowPixels) {
        return network.logits(rowPixels, FloorExit.rows(inputIds, rows), FloorExit.rows(attentionMask, rows));
    }

    /**
     * {@code adversarial} with each sample that reached Dice 0 during the passes so far put back at
     * the iterate where it did (a new array); without early exit, a copy of {@code adversarial}.
     */
    public NDArray settled(NDArray adversarial) {
        return earlyExit ? exits.settle(adversarial) : adversarial.duplicate();
    }

    /** Whether sample {@code b} of the batch is at Dice 0 and out of the passes (always false without early exit). */
    public boolean atFloor(int b) {
        return exits.settled(b);
    }

    /** Gradient passes each sample of the batch took part in so far. */
    public int[] samplePasses() {
        return samplePasses.clone();
    }

    /** Gradient passes so far: a black-box attack must leave this at 0. */
    public int gradientPasses() {
        return gradientPasses;
    }

    /** Loss-only queries so far. */
    public int lossQueries() {
        return lossQueries;
    }

    /** Per sample of the batch, the gradient alarms raised by the passes so far. */
    public List<Set<MaskingAlarm>> alarms() {
        return trace.alarms();
    }
}
