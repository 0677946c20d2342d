package io.robustgate.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustgate.attack.Attack;
import io.robustgate.attack.AttackObjective;
import io.robustgate.attack.AttackOutcome;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.FitSamples;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.attack.SetLevelAttack;
import io.robustgate.attack.SingleGradientAttack;
import io.robustgate.attack.TargetedAttack;
import io.robustgate.attack.UniversalPerturbation;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PreparedSample;
import io.robustgate.data.PreparedSamples;
import io.robustgate.data.Sample;
import io.robustgate.data.SamplePreparer;
import io.robustgate.evaluation.sequential.SequentialDecision;
import io.robustgate.evaluation.sequential.SequentialOrder;
import io.robustgate.evaluation.sequential.SequentialPlan;
import io.robustgate.metric.Overlap;
import io.robustgate.metric.SegmentationMetrics;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelManifest;
import io.robustgate.model.ModelRandomness;
import io.robustgate.model.NativeCopy;
import io.robustgate.model.TokenBatch;
import io.robustgate.DisplayPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Attacks one held-out set with one model. Prompts are tokenised once; samples are decoded per
 * batch (kept when the set is small, see {@link PreparedSamples}); the batch size is measured on
 * first use unless set ({@link BatchSizeChoice}); the clean pass runs once and every attack reuses
 * it; samples go through in batches, each batch in its own native-memory scope. Not thread-safe.
 *
 * <p>Batches are blocks of samples chosen by identity ({@link SampleBlocks}), so a sample's
 * batch-mates are the same in an unsharded run and in any {@link Shard} of the set; a sharded
 * evaluator attacks only its shard's samples. Per-sample results stay in the set's order.
 */
public final class RobustnessEvaluator {

    private final ModelBundle bundle;
    private final Thresholding thresholding;
    /** The whole set; a sharded evaluator attacks only {@link #samples}. */
    private final HeldOutSet set;
    private final EvaluationOptions options;
    /** The samples this evaluator attacks: the set's, or its shard's, in the set's order. */
    private final List<Sample> evaluated;
    private final PreparedSamples samples;
    private final TokenBatch tokens;
    private CleanPass clean;
    private final CleanGradients cleanGradients = new CleanGradients(CleanGradients.defaultCapacityBytes());
    private int cleanGradientPasses;
    private BatchSizeChoice batchSizeChoice;
    private int batchSize;
    private List<int[]> batches;
    private Provenance provenance;
    /** Results this evaluator produced, for the weaker-beats-stronger check. */
    private final List<RobustnessResult> history = new ArrayList<>();

    public RobustnessEvaluator(ModelBundle bundle, HeldOutSet set, EvaluationOptions options) {
        this(bundle, set, options, false);
    }

    /**
     * @param emptyShardAllowed whether this shard may hold none of the set's samples: true for the
     *     samples a set-level attack was not fitted on (a share of the set, which a shard may miss)
     */
    private RobustnessEvaluator(ModelBundle bundle, HeldOutSet set, EvaluationOptions options, boolean emptyShardAllowed) {
        this.bundle = bundle;
        this.thresholding = new Thresholding(bundle);
        this.set = set;
        this.options = options;
        ModelManifest.ImageSpec image = bundle.manifest().image();
        SamplePreparer preparer = new SamplePreparer(image.channels(), image.height(), image.width(),
                bundle.manifest().preprocessing());
        long bytesPerSample = 4L * (image.channels() + 1) * image.height() * image.width();
        this.evaluated = options.shard().whole() ? set.samples()
                : SampleBlocks.shardOf(set.samples(), blockSize(options), options.shard());
        if (evaluated.isEmpty() && !emptyShardAllowed) {
            throw new IllegalArgumentException("shard " + options.shard() + " of " + set.name() + " holds no sample: "
                    + set.samples().size() + " samples make " + SampleBlocks.of(set.samples(), blockSize(options)).size()
                    + " block(s) of " + blockSize(options) + "; use at most that many shards");
        }
        this.samples = new PreparedSamples(evaluated, preparer, bytesPerSample, PreparedSamples.defaultCacheBytes());
        // The whole set is tokenised, so that prompts padded to the longest have the same length in every shard.
        TokenBatch all = bundle.tokenizer().encode(set.samples().stream().map(s -> s.prompt()).toList());
        this.tokens = options.shard().whole() ? all : all.select(positionsIn(set.samples(), evaluated));
    }

    /** A sharded run's batch size is fixed, not measured: every shard must batch alike. */
    private static int blockSize(EvaluationOptions options) {
        return options.automaticBatchSize() ? Shard.DEFAULT_BLOCK_SIZE : options.batchSize();
    }

    private static int[] positionsIn(List<Sample> all, List<Sample> some) {
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            position.put(all.get(i).id(), i);
        }
        return some.stream().mapToInt(s -> position.get(s.id())).toArray();
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public HeldOutSet heldOutSet() {
        return set;
    }

    public List<PreparedSample> samples() {
        return samples;
    }

    /** The shard of the set this evaluator attacks ({@link Shard#WHOLE} for all of it). */
    public Shard shard() {
        return options.shard();
    }

    /** Model, data set and version by content; computed once (it reads every image of the set). */
    public synchronized Provenance provenance() {
        if (provenance == null) {
            provenance = Provenance.of(bundle, set);
        }
        return provenance;
    }

    /** What a shard's results must record for the merge; empty for an unsharded evaluator. */
    public Optional<ShardLayout> shardLayout() {
        if (options.shard().whole()) {
            return Optional.empty();
        }
        return Optional.of(new ShardLayout(options.shard().index(), options.shard().total(), batchSize(),
                options.bootstrapSeed(), set.samples().stream().map(Sample::id).toList()));
    }

    /**
     * Samples per batch: the explicit option, or the size {@link BatchSizeChoice} measured on the
     * first samples (once per evaluator, so the clean pass and every attack share it).
     */
    public synchronized int batchSize() {
        if (batchSize == 0) {
            if (!options.shard().whole()) {
                batchSize = blockSize(options);
            } else if (options.automaticBatchSize()) {
                AttackSpec probe = AttackSpec.fgsm(0);
                batchSizeChoice = BatchSizeChoice.measure(options.automaticBatchCap(samples.size()), size -> {
                    try (NDManager manager = bundle.newManager()) {
                        Batch batch = new Batch(java.util.stream.IntStream.range(0, size).toArray(), manager);
                        batch.objective(probe).evaluate(batch.pixels);
                    }
                });
                batchSize = batchSizeChoice.batchSize();
            } else {
                batchSize = SetSizedBatch.of(options.batchSize(), samples.size());
            }
        }
        return batchSize;
    }

    /** Positions in {@link #samples()} of each batch: blocks of the batch size in identity order. */
    private synchronized List<int[]> batches() {
        if (batches == null) {
            batches = SampleBlocks.of(evaluated, batchSize());
        }
        return batches;
    }

    /** The measurement behind an automatic batch size; empty when the size was set. */
    public synchronized Optional<BatchSizeChoice> batchSizeChoice() {
        batchSize();
        return Optional.ofNullable(batchSizeChoice);
    }

    /** The unattacked predictions, computed on first use and then reused. */
    public synchronized CleanPass cleanPass() {
        if (clean == null) {
            clean = runCleanPass();
        }
        return clean;
    }

    /**
     * Several budgets of one attack; the clean pass is shared, and for an attack whose only
     * gradient is at the clean image (FGSM) so is that gradient ({@link CleanGradients}), as for
     * any budgets this evaluator is asked for one by one.
     */
    public List<RobustnessResult> sweep(AttackSpec base, List<Float> budgets) {
        return budgets.stream().map(base::withEps).map(this::evaluate).toList();
    }

    /**
     * {@link #evaluate(AttackSpec)}, then the analyses around it: the prompt comparison when images
     * have several prompts, and what {@code analyses} asks for (prompt transfer, critical budget,
     * Dice-against-eps curve), all attached to the result ({@link RobustnessResult#analyses()}).
     */
    public RobustnessResult evaluate(AttackSpec spec, Analyses analyses) {
        if (!options.shard().whole() && analyses.any()) {
            // Transfer, critical budget and curve attack subsets chosen across the whole set; the
            // prompt comparison alone is recomputed from the merged samples (ShardedResult).
            throw new IllegalArgumentException("shard " + options.shard() + ": the analyses of " + spec.displayName()
                    + " (prompt transfer, critical budget, curve) need the whole set and cannot run sharded;"
                    + " run them in an unsharded job");
        }
        RobustnessResult result = evaluate(spec);
        ResultAnalyses found = ResultAnalyses.measure(this, spec, result, analyses);
        return found == null ? result : result.withAnalyses(found);
    }

    /**
     * A sequential evaluation ({@code docs/sequential.md}): the set's batches are attacked in a seeded random order
     * ({@link SequentialOrder}, seeded by the evaluation's seed) and after each batch every limit of {@code sequential}
     * is checked against its confidence sequence; the evaluation stops once they are decided. The result holds the
     * images attacked and the {@link SequentialRecord}; exhausted, its figures are exactly a full run's with this batch
     * size. Refused where a decision would need evidence this run cannot see: a shard of the set, and the analyses
     * that need every image (prompt comparison, prompt transfer, critical budget, curve).
     *
     * @param sequential the limits to decide; null: a full run, as {@link #evaluate(AttackSpec, Analyses)}
     */
    public RobustnessResult evaluate(AttackSpec spec, Analyses analyses, SequentialPlan sequential) {
        if (sequential == null) {
            return evaluate(spec, analyses);
        }
        if (!options.shard().whole()) {
            throw new IllegalArgumentException("sequential: shard " + options.shard() + " of " + set.name()
                    + " cannot decide when to stop, since it cannot see the other shards' images; run the sequential gate"
                    + " unsharded, or the shards without sequential");
        }
        if (analyses.any()) {
            throw new IllegalArgumentException("sequential: the analyses of " + spec.displayName() + " (prompt transfer,"
                    + " critical budget, curve) need every image; run them in an evaluation without sequential");
        }
        if (set.promptChoice().isAll()) {
            throw new IllegalArgumentException("sequential: " + set.name() + " is read with prompt=all, and the prompt"
                    + " comparison needs every image; choose one prompt for a sequential gate");
        }
        Attack attack = Attack.of(spec);
        if (attack instanceof SetLevelAttack setLevel) {
            return fitThenEvaluate(spec, setLevel, sequential);
        }
        return evaluate(spec, attack, sequential);
    }

    /**
     * Attacks every sample with {@code spec}. A set-level attack is fitted first, and where it was
     * fitted on samples of this set, only the others are attacked and reported. The
     * result carries the gradient-masking alarms its passes raised and, where a weaker attack this
     * evaluator ran earlier at the same budget beat this one (or the other way round), that too.
     */
    public RobustnessResult evaluate(AttackSpec spec) {
        Attack attack = Attack.of(spec);
        if (attack instanceof SetLevelAttack setLevel) {
            return fitThenEvaluate(spec, setLevel, null);
        }
        return evaluate(spec, attack, null);
    }

    /**
     * Fits a set-level attack on the samples it names and attacks the others: another split of this
     * set's root (all of this set evaluated), a share of this set chosen by sample identity (the rest
     * evaluated), or the whole set, fitted and evaluated alike. The result records which.
     */
    private RobustnessResult fitThenEvaluate(AttackSpec spec, SetLevelAttack attack, SequentialPlan sequential) {
        FitSamples fitSamples = attack.fitSamples();
        RobustnessEvaluator fitting = this;
        RobustnessEvaluator evaluated = this;
        List<String> fittedIds = List.of();
        // Every shard fits on the same samples as an unsharded run would: only the evaluation is sharded.
        EvaluationOptions unsharded = options.withShard(Shard.WHOLE).withBatchSize(batchSize());
        if (fitSamples.split() != null) {
            fitting = new RobustnessEvaluator(bundle, HeldOutSet.load(set.root(), fitSamples.split(), set.promptChoice()),
                    unsharded);
        } else if (!fitSamples.wholeSet()) {
            Set<String> fitted = fitSamples.fittedAmong(set.samples().stream().map(Sample::id).toList());
            fitting = new RobustnessEvaluator(bundle, set.only(sample -> fitted.contains(sample.id())), unsharded);
            evaluated = new RobustnessEvaluator(bundle, set.only(sample -> !fitted.contains(sample.id())), options, true);
            fittedIds = List.copyOf(fitted);
        } else if (!options.shard().whole()) {
            fitting = new RobustnessEvaluator(bundle, set, unsharded);
        }
        RobustnessEvaluator source = fitting;
        attack.fit(visitor -> source.forEachBatch(spec, (batch, objective) -> visitor.accept(objective, batch.pixels)));
        RobustnessResult result = evaluated.evaluate(spec, attack, sequential);
        List<Double> lossPerEpoch = attack.fitted().map(UniversalPerturbation::lossPerEpoch).orElse(List.of());
        return result.withFit(new SetLevelFit(fitSamples.split(), fittedIds, lossPerEpoch, attack.fitted().orElse(null)));
    }

    /**
     * Attacks batch by batch; with a checkpoint directory each finished batch is recorded, and
     * batches recorded by an earlier, killed run of the same inputs are taken from there. With a
     * sequential plan, the batches go in a seeded random order and stop once its limits are decided.
     */
    private RobustnessResult evaluate(AttackSpec spec, Attack attack, SequentialPlan sequential) {
        CleanPass cleanPass = cleanPass();
        Outcomes outcomes = new Outcomes(spec);
        BatchCheckpoint checkpoint = options.checkpointDirectory() == null ? null
                : BatchCheckpoint.open(options.checkpointDirectory(), provenance(), spec, batchSize(),
                        options.earlyExit(), options.progress());
        SequentialOrder order = sequential == null ? null : SequentialOrder.of(batches(), options.bootstrapSeed());
        SequentialDecision decision = sequential == null ? null : sequential.decision(samples.size());
        long start = System.nanoTime();
        boolean firstComputed = true;
        List<int[]> batchOrder = order == null ? batches() : order.batches();
        for (int k = 0; k < batchOrder.size() && (decision == null || !decision.finished()); k++) {
            int[] positions = batchOrder.get(k);
            Optional<List<SampleResult>> done = checkpoint == null ? Optional.empty()
                    : checkpoint.finishedBatch(java.util.Arrays.stream(positions).mapToObj(i -> evaluated.get(i).id()).toList());
            if (done.isPresent()) {
                outcomes.restore(positions, done.get());
                if (decision != null) {
                    observe(decision, sequential, done.get(), order.feedOrder(k));
                }
                continue;
            }
            try (NDManager manager = bundle.newManager()) {
                Batch batch = new Batch(positions, manager);
                long[] seeds = batch.seeds(spec.seed());
                ModelRandomness.seed(seeds[0]);
                // A targeted attack exits on its own target; Dice 0 is not where it is done.
                AttackObjective objective = batch.objective(spec, options.earlyExit() && !(attack instanceof TargetedAttack));
                if (firstComputed) {
                    firstComputed = false;
                    long batchStart = System.nanoTime();
                    objective.onPass((step, steps, passes) -> options.progress().firstBatchPass(spec.displayName(),
                            positions.length, step, steps, passes, System.nanoTime() - batchStart));
                }
                AttackOutcome outcome = attack instanceof SingleGradientAttack single
                        ? AttackOutcome.of(single.fromGradient(objective, batch.pixels, cleanGradient(batch, objective, single)))
                        : settled(objective, attack.run(objective, batch.pixels, seeds));
                // A shared clean gradient is still the one pass each figure rests on.
                int[] passes = attack instanceof SingleGradientAttack ? ones(positions.length) : objective.samplePasses();
                List<SampleResult> added = outcomes.add(batch, objective, outcome, cleanPass, passes);
                if (checkpoint != null) {
                    checkpoint.record(added);
                }
                if (decision != null) {
                    observe(decision, sequential, added, order.feedOrder(k));
                }
            }
            options.progress().progress(spec.displayName(), outcomes.done, samples.size(), System.nanoTime() - start);
        }
        RobustnessResult result = finish(outcomes, cleanPass, (System.nanoTime() - start) / 1e9);
        if (decision == null) {
            return result;
        }
        if (decision.exhausted()) {
            // The verdict on the set's mean is then the full run's own, to the last bit of its Summary.
            decision.useFullRunFigures(sequential.limits().stream().mapToDouble(p -> p.setMean().apply(result)).toArray());
        }
        return result.withSequential(decision.record());
    }

    /** One batch's figures fed to the sequences in its seeded order. */
    private static void observe(SequentialDecision decision, SequentialPlan plan, List<SampleResult> batch, int[] feedOrder) {
        List<SampleResult> fed = java.util.Arrays.stream(feedOrder).mapToObj(batch::get).toList();
        decision.observeBatch(plan.figures(fed));
    }

    /**
     * The input gradient of a single-gradient attack's loss at the batch's clean pixels: computed
     * once per batch and loss for every budget ({@link CleanGradients}), in libtorch-owned memory.
     */
    private NDArray cleanGradient(Batch batch, AttackObjective objective, SingleGradientAttack attack) {
        int index = batches().indexOf(batch.positions);
        Optional<float[]> kept = cleanGradients.get(attack.gradientLoss(), index);
        if (kept.isPresent()) {
            return NativeCopy.of(batch.manager, kept.get(), batch.pixels.getShape());
        }
        NDArray gradient = objective.evaluate(batch.pixels, attack.gradientLoss(), 0, 1).gradient();
        cleanGradients.put(attack.gradientLoss(), index, gradient.toFloatArray());
        cleanGradientPasses++;
        return gradient;
    }

    /** Clean-image gradient passes single-gradient attacks took so far (one per batch and loss while they fit in memory). */
    synchronized int cleanGradientPasses() {
        return cleanGradientPasses;
    }

    private static int[] ones(int n) {
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }

    /** The outcome with every sample that reached Dice 0 at the iterate where it did ({@link AttackObjective#settled}). */
    private static AttackOutcome settled(AttackObjective objective, AttackOutcome outcome) {
        NDArray adversarial = objective.settled(outcome.adversarial());
        outcome.adversarial().close();
        return new AttackOutcome(adversarial, outcome.winners(), outcome.memberDice());
    }

    EvaluationOptions options() {
        return options;
    }

    ProgressListener progress() {
        return options.progress();
    }

    /**
     * The samples of this evaluator (of its shard, when sharded) that {@code keep} selects, with
     * this evaluator's batch size (measured once), without progress lines or checkpoints: for
     * analyses that attack a few samples at a time. It shares this evaluator's clean pass, tokens
     * and decoded samples, so each analysis round costs only its attack.
     */
    RobustnessEvaluator only(java.util.function.Predicate<Sample> keep) {
        return new RobustnessEvaluator(this, keep, options.withShard(Shard.WHOLE).withBatchSize(batchSize())
                .withProgress(ProgressListener.NONE).withCheckpointDirectory(null));
    }

    private RobustnessEvaluator(RobustnessEvaluator parent, java.util.function.Predicate<Sample> keep, EvaluationOptions options) {
        Set<String> mine = parent.evaluated.stream().map(Sample::id).collect(java.util.stream.Collectors.toSet());
        this.bundle = parent.bundle;
        this.thresholding = parent.thresholding;
        this.set = parent.set.only(s -> mine.contains(s.id()) && keep.test(s));
        this.options = options;
        this.evaluated = set.samples();
        int[] positions = positionsIn(parent.evaluated, evaluated);
        this.samples = parent.samples.subset(positions);
        // The parent's tokens: prompts padded as in the full run, so a sample scores as it does there.
        this.tokens = parent.tokens.select(positions);
        this.clean = parent.cleanPass().select(positions);
    }

    /** A sample's seed from the attack seed and the sample's identity, not its position. */
    static long sampleSeed(long seed, Sample sample) {
        return new SplittableRandom(seed ^ sample.id().hashCode()).nextLong();
    }

    /** One result's samples, filled batch by batch, kept in the set's order. */
    /** An attack's per-sample results in set order as batches finish, and the pictures it keeps. */
    private final class Outcomes {
        final AttackSpec spec;
        final SampleResult[] results = new SampleResult[samples.size()];
        final WorstSamples worst = new WorstSamples(options.keptWorstSamples());
        int done;

        Outcomes(AttackSpec spec) {
            this.spec = spec;
        }

        /** The samples attacked, in the set's order: all of them, or those a sequential evaluation reached. */
        List<SampleResult> inOrder() {
            return java.util.Arrays.stream(results).filter(java.util.Objects::nonNull).toList();
        }

        /** A batch finished by an earlier run (its pictures are not kept, only its figures). */
        void restore(int[] positions, List<SampleResult> finished) {
            for (int b = 0; b < positions.length; b++) {
                results[positions[b]] = finished.get(b);
            }
            done += positions.length;
        }

        List<SampleResult> add(Batch batch, AttackObjective objective, AttackOutcome outcome, CleanPass cleanPass,
                int[] passes) {
            NDArray adversarial = outcome.adversarial();
            boolean[][] predictions = predict(objective.logits(adversarial), batch.positions);
            float[] adversarialPixels = adversarial.toFloatArray();
            List<Set<MaskingAlarm>> alarms = objective.alarms();
            List<SampleResult> added = new ArrayList<>(batch.positions.length);
            List<SampleArtifacts> pictures = new ArrayList<>(batch.positions.length);
            for (int b = 0; b < batch.positions.length; b++) {
                int i = batch.positions[b];
                PreparedSample prepared = batch.prepared.get(b);
                int size = prepared.pixels().length;
                float[] attacked = new float[size];
                System.arraycopy(adversarialPixels, b * size, attacked, 0, size);
                SampleScoring.Scored scored = SampleScoring.score(prepared, attacked, predictions[b], cleanPass, i,
                        alarms.get(b), outcome, b, passes[b], spec.eps());
                results[i] = scored.result();
                added.add(scored.result());
                pictures.add(scored.artifacts());
            }
            worst.addAll(pictures);
            done += batch.positions.length;
            return added;
        }
    }

    private RobustnessResult finish(Outcomes outcomes, CleanPass cleanPass, double seconds) {
        RobustnessResult result = assemble(outcomes.spec, outcomes.inOrder(), outcomes.worst.list(), new Timings(cleanPass.seconds(),
                seconds, outcomes.done / seconds, batchSize(), options.automaticBatchSize() && options.shard().whole()));
        synchronized (history) {
            result = result.withAlarms(MaskingChecks.weakerBeatsStronger(result, history));
            history.add(result);
        }
        return result;
    }

    /** Runs {@code work} on every batch, each in its own native-memory scope, with an objective for {@code spec}. */
    private void forEachBatch(AttackSpec spec, BiConsumer<Batch, AttackObjective> work) {
        for (int[] positions : batches()) {
            try (NDManager manager = bundle.newManager()) {
                Batch batch = new Batch(positions, manager);
                work.accept(batch, batch.objective(spec));
            }
        }
    }

    private CleanPass runCleanPass() {
        PackedPredictions predictions = new PackedPredictions(samples.size());
        Overlap[] overlaps = new Overlap[samples.size()];
        List<Map<String, Double>> figures = new ArrayList<>(java.util.Collections.nCopies(samples.size(), (Map<String, Double>) null));
        double repeatDifference = 0;
        long start = System.nanoTime();
        int done = 0;
        for (int[] positions : batches()) {
            try (NDManager manager = bundle.newManager()) {
                Batch batch = new Batch(positions, manager);
                ModelRandomness.seed(batch.seeds(0)[0]);
                NDArray logits = batch.logits();
                if (done == 0) {
                    // A second pass over the first batch shows a random model (dropout left on) at once.
                    repeatDifference = logits.sub(batch.logits()).abs().max().getFloat();
                }
                boolean[][] batchPredictions = predict(logits, positions);
                for (int b = 0; b < positions.length; b++) {
                    predictions.set(positions[b], batchPredictions[b]);
                    overlaps[positions[b]] = Overlap.between(batchPredictions[b], batch.prepared.get(b).mask());
                    figures.set(positions[b], SegmentationMetrics.compute(SampleScoring.masks(batch.prepared.get(b), batchPredictions[b]), false));
                }
            }
            done += positions.length;
            options.progress().progress("clean pass", done, samples.size(), System.nanoTime() - start);
        }
        return new CleanPass(java.util.Collections.unmodifiableList(predictions), List.of(overlaps), List.copyOf(figures),
                (System.nanoTime() - start) / 1e9, repeatDifference);
    }

    /** Thresholded predictions of the samples at {@code positions}; NaN logits stop the run ({@link Thresholding}). */
    private boolean[][] predict(NDArray logits, int[] positions) {
        return thresholding.predictions(logits, java.util.Arrays.stream(positions).mapToObj(evaluated::get).toList());
    }

    private RobustnessResult assemble(AttackSpec spec, List<SampleResult> results, List<SampleArtifacts> worst,
            Timings timings) {
        SampleAggregates a = SampleAggregates.of(results, options.bootstrapSeed());
        return new RobustnessResult(spec, bundle.name(), DisplayPath.of(bundle.directory()), set.name(),
                DisplayPath.of(set.root()), set.split(), set.promptChoice().key(), bundle.device().toString(),
                a.figures(), a.maxLinf(), a.meanL2(), a.meanPsnr(), timings, results, worst,
                MaskingChecks.of(results, cleanPass()), null, null, set.distanceUnit(), null);
    }

    /** The samples at {@code positions} as native arrays in one manager. */
    private final class Batch {
        final int[] positions;
        final NDManager manager;
        /** Decoded once per batch: with a large set, nothing outside the batch is kept. */
        final List<PreparedSample> prepared;
        final NDArray pixels;
        final NDArray targets;
        final NDArray inputIds;
        final NDArray attentionMask;

        Batch(int[] positions, NDManager manager) {
            this.positions = positions;
            this.manager = manager;
            this.prepared = java.util.Arrays.stream(positions).mapToObj(samples::get).toList();
            int n = positions.length;
            PreparedSample first = prepared.get(0);
            int pixelCount = first.pixels().length;
            int maskCount = first.mask().length;
            float[] pixelData = new float[n * pixelCount];
            float[] maskData = new float[n * maskCount];
            for (int b = 0; b < n; b++) {
                System.arraycopy(prepared.get(b).pixels(), 0, pixelData, b * pixelCount, pixelCount);
                System.arraycopy(prepared.get(b).mask(), 0, maskData, b * maskCount, maskCount);
            }
            pixels = NativeCopy.of(manager, pixelData, new Shape(n, first.channels(), first.height(), first.width()));
            targets = NativeCopy.of(manager, maskData, new Shape(n, first.height(), first.width()));
            TokenBatch rows = tokens.select(positions);
            inputIds = rows.idsArray(manager);
            attentionMask = rows.attentionMaskArray(manager);
        }

        NDArray logits() {
            return bundle.network().logits(pixels, inputIds, attentionMask);
        }

        AttackObjective objective(AttackSpec spec) {
            return objective(spec, false);
        }

        /** @param earlyExit only for attacking samples one by one ({@link AttackObjective}) */
        AttackObjective objective(AttackSpec spec, boolean earlyExit) {
            return new AttackObjective(bundle.network(), inputIds, attentionMask, targets, spec.loss(),
                    (float) bundle.manifest().output().threshold(), earlyExit);
        }

        /** One seed per sample from the attack seed and the sample's identity, not its position. */
        long[] seeds(long seed) {
            long[] seeds = new long[positions.length];
            for (int b = 0; b < positions.length; b++) {
                seeds[b] = sampleSeed(seed, evaluated.get(positions[b]));
            }
            return seeds;
        }
    }
}
