package io.robustgate.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.robustgate.attack.Attack;
import io.robustgate.attack.AttackObjective;
import io.robustgate.attack.AttackOutcome;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.FitSamples;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.attack.SetLevelAttack;
import io.robustgate.attack.SingleGradientAttack;
import io.robustgate.attack.UniversalPerturbation;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PreparedSample;
import io.robustgate.data.PreparedSamples;
import io.robustgate.data.Sample;
import io.robustgate.data.SamplePreparer;
import io.robustgate.metric.Overlap;
import io.robustgate.metric.PerturbationSize;
import io.robustgate.metric.Summary;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelBundleException;
import io.robustgate.model.ModelManifest;
import io.robustgate.model.TokenBatch;
import io.robustgate.DisplayPath;
import java.util.ArrayList;
import java.util.Comparator;
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
 */
public final class RobustnessEvaluator {

    private final ModelBundle bundle;
    private final HeldOutSet set;
    private final EvaluationOptions options;
    private final PreparedSamples samples;
    private final TokenBatch tokens;
    private CleanPass clean;
    private BatchSizeChoice batchSizeChoice;
    private int batchSize;
    /** Results this evaluator produced, for the weaker-beats-stronger check. */
    private final List<RobustnessResult> history = new ArrayList<>();

    public RobustnessEvaluator(ModelBundle bundle, HeldOutSet set, EvaluationOptions options) {
        this.bundle = bundle;
        this.set = set;
        this.options = options;
        ModelManifest.ImageSpec image = bundle.manifest().image();
        SamplePreparer preparer = new SamplePreparer(image.channels(), image.height(), image.width(),
                bundle.manifest().preprocessing());
        long bytesPerSample = 4L * (image.channels() + 1) * image.height() * image.width();
        this.samples = new PreparedSamples(set.samples(), preparer, bytesPerSample, PreparedSamples.defaultCacheBytes());
        this.tokens = bundle.tokenizer().encode(set.samples().stream().map(s -> s.prompt()).toList());
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

    /**
     * Samples per batch: the explicit option, or the size {@link BatchSizeChoice} measured on the
     * first samples (once per evaluator, so the clean pass and every attack share it).
     */
    public synchronized int batchSize() {
        if (batchSize == 0) {
            if (options.automaticBatchSize()) {
                AttackSpec probe = AttackSpec.fgsm(0);
                batchSizeChoice = BatchSizeChoice.measure(samples.size(), size -> {
                    try (NDManager manager = bundle.newManager()) {
                        Batch batch = new Batch(0, size, manager);
                        batch.objective(probe).evaluate(batch.pixels);
                    }
                });
                batchSize = batchSizeChoice.batchSize();
            } else {
                batchSize = options.batchSize();
            }
        }
        return batchSize;
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
     * gradient is at the clean image (FGSM) so is that gradient: one pass per batch for all budgets.
     */
    public List<RobustnessResult> sweep(AttackSpec base, List<Float> budgets) {
        List<AttackSpec> specs = budgets.stream().map(base::withEps).toList();
        List<Attack> attacks = specs.stream().map(Attack::of).toList();
        if (specs.size() > 1 && attacks.stream().allMatch(a -> a instanceof SingleGradientAttack)) {
            return sweepSharingGradient(specs, attacks.stream().map(a -> (SingleGradientAttack) a).toList());
        }
        return specs.stream().map(this::evaluate).toList();
    }

    private List<RobustnessResult> sweepSharingGradient(List<AttackSpec> specs, List<SingleGradientAttack> attacks) {
        CleanPass cleanPass = cleanPass();
        List<Outcomes> outcomes = specs.stream().map(Outcomes::new).toList();
        AttackSpec first = specs.get(0);
        forEachBatch(first, (batch, objective) -> {
            long gradientStart = System.nanoTime();
            // Same loss for every budget: the specs differ only in eps.
            NDArray gradient = objective.evaluate(batch.pixels, attacks.get(0).gradientLoss(), 0, 1).gradient();
            long sharedNanos = (System.nanoTime() - gradientStart) / specs.size();
            for (int k = 0; k < specs.size(); k++) {
                long start = System.nanoTime();
                NDArray adversarial = attacks.get(k).fromGradient(objective, batch.pixels, gradient);
                outcomes.get(k).add(batch, objective, AttackOutcome.of(adversarial), cleanPass);
                adversarial.close();
                outcomes.get(k).nanos += sharedNanos + System.nanoTime() - start;
            }
            options.progress().progress(first.displayName() + " and " + (specs.size() - 1) + " more budgets", batch.to,
                    samples.size(), outcomes.get(0).nanos);
        });
        return outcomes.stream().map(o -> finish(o, cleanPass, o.nanos / 1e9)).toList();
    }

    /**
     * {@link #evaluate(AttackSpec)}, then the analyses around it: the prompt comparison when images
     * have several prompts, and what {@code analyses} asks for (prompt transfer, critical budget,
     * Dice-against-eps curve), all attached to the result ({@link RobustnessResult#analyses()}).
     */
    public RobustnessResult evaluate(AttackSpec spec, Analyses analyses) {
        RobustnessResult result = evaluate(spec);
        ResultAnalyses found = ResultAnalyses.measure(this, spec, result, analyses);
        return found == null ? result : result.withAnalyses(found);
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
            return fitThenEvaluate(spec, setLevel);
        }
        return evaluate(spec, attack);
    }

    /**
     * Fits a set-level attack on the samples it names and attacks the others: another split of this
     * set's root (all of this set evaluated), a share of this set chosen by sample identity (the rest
     * evaluated), or the whole set, fitted and evaluated alike. The result records which.
     */
    private RobustnessResult fitThenEvaluate(AttackSpec spec, SetLevelAttack attack) {
        FitSamples fitSamples = attack.fitSamples();
        RobustnessEvaluator fitting = this;
        RobustnessEvaluator evaluated = this;
        List<String> fittedIds = List.of();
        if (fitSamples.split() != null) {
            fitting = new RobustnessEvaluator(bundle, HeldOutSet.load(set.root(), fitSamples.split(), set.promptChoice()), options);
        } else if (!fitSamples.wholeSet()) {
            Set<String> fitted = fitSamples.fittedAmong(set.samples().stream().map(Sample::id).toList());
            fitting = new RobustnessEvaluator(bundle, set.only(sample -> fitted.contains(sample.id())), options);
            evaluated = new RobustnessEvaluator(bundle, set.only(sample -> !fitted.contains(sample.id())), options);
            fittedIds = List.copyOf(fitted);
        }
        RobustnessEvaluator source = fitting;
        attack.fit(visitor -> source.forEachBatch(spec, (batch, objective) -> visitor.accept(objective, batch.pixels)));
        RobustnessResult result = evaluated.evaluate(spec, attack);
        List<Double> lossPerEpoch = attack.fitted().map(UniversalPerturbation::lossPerEpoch).orElse(List.of());
        return result.withFit(new SetLevelFit(fitSamples.split(), fittedIds, lossPerEpoch, attack.fitted().orElse(null)));
    }

    private RobustnessResult evaluate(AttackSpec spec, Attack attack) {
        CleanPass cleanPass = cleanPass();
        Outcomes outcomes = new Outcomes(spec);
        long start = System.nanoTime();
        forEachBatch(spec, (batch, objective) -> {
            AttackOutcome outcome = attack.run(objective, batch.pixels, batch.seeds(spec.seed()));
            outcomes.add(batch, objective, outcome, cleanPass);
            options.progress().progress(spec.displayName(), batch.to, samples.size(), System.nanoTime() - start);
        });
        return finish(outcomes, cleanPass, (System.nanoTime() - start) / 1e9);
    }

    EvaluationOptions options() {
        return options;
    }

    ProgressListener progress() {
        return options.progress();
    }

    /**
     * The samples of this set that {@code keep} selects, with this evaluator's batch size (measured
     * once) and without progress lines: for analyses that attack a few samples at a time.
     */
    RobustnessEvaluator only(java.util.function.Predicate<Sample> keep) {
        return new RobustnessEvaluator(bundle, set.only(keep),
                options.withBatchSize(batchSize()).withProgress(ProgressListener.NONE));
    }

    /** A sample's seed from the attack seed and the sample's identity, not its position. */
    static long sampleSeed(long seed, Sample sample) {
        return new SplittableRandom(seed ^ sample.id().hashCode()).nextLong();
    }

    /** One result's samples, filled batch by batch. */
    private final class Outcomes {
        final AttackSpec spec;
        final List<SampleResult> results = new ArrayList<>(samples.size());
        final List<SampleArtifacts> worst = new ArrayList<>();
        long nanos;

        Outcomes(AttackSpec spec) {
            this.spec = spec;
        }

        void add(Batch batch, AttackObjective objective, AttackOutcome outcome, CleanPass cleanPass) {
            NDArray adversarial = outcome.adversarial();
            boolean[][] predictions = predict(objective.logits(adversarial), batch.from);
            float[] adversarialPixels = adversarial.toFloatArray();
            List<Set<MaskingAlarm>> alarms = objective.alarms();
            for (int i = batch.from; i < batch.to; i++) {
                int b = i - batch.from;
                PreparedSample prepared = batch.prepared.get(b);
                int size = prepared.pixels().length;
                float[] attacked = new float[size];
                System.arraycopy(adversarialPixels, b * size, attacked, 0, size);
                Overlap before = cleanPass.overlaps().get(i);
                Overlap after = Overlap.between(predictions[b], prepared.mask());
                PerturbationSize delta = PerturbationSize.between(prepared.pixels(), attacked);
                Set<MaskingAlarm> sampleAlarms = alarms.get(b);
                if (spec.eps() == 0) {
                    sampleAlarms.remove(MaskingAlarm.LOSS_NOT_RISING); // nothing can rise in a ball of radius 0
                }
                results.add(new SampleResult(prepared.sample().id(), prepared.sample().imageName(),
                        prepared.sample().maskName(), prepared.sample().promptKey(), prepared.sample().prompt(),
                        before.dice(), before.iou(), after.dice(), after.iou(), delta.linf(), delta.l2(), delta.psnr(),
                        List.copyOf(sampleAlarms), outcome.winners().isEmpty() ? null : outcome.winners().get(b),
                        outcome.memberDice().isEmpty() ? Map.of() : outcome.memberDice().get(b)));
                worst.add(new SampleArtifacts(prepared.sample(), prepared.channels(), prepared.height(),
                        prepared.width(), prepared.pixels(), attacked, prepared.mask(), cleanPass.predictions().get(i),
                        predictions[b], before.dice(), after.dice()));
            }
            keepWorst(worst);
        }
    }

    private RobustnessResult finish(Outcomes outcomes, CleanPass cleanPass, double seconds) {
        RobustnessResult result = assemble(outcomes.spec, outcomes.results, outcomes.worst, new Timings(cleanPass.seconds(),
                seconds, samples.size() / seconds, batchSize(), options.automaticBatchSize()));
        synchronized (history) {
            result = result.withAlarms(MaskingChecks.weakerBeatsStronger(result, history));
            history.add(result);
        }
        return result;
    }

    /** Runs {@code work} on every batch, each in its own native-memory scope, with an objective for {@code spec}. */
    private void forEachBatch(AttackSpec spec, BiConsumer<Batch, AttackObjective> work) {
        int size = batchSize();
        for (int from = 0; from < samples.size(); from += size) {
            int to = Math.min(from + size, samples.size());
            try (NDManager manager = bundle.newManager()) {
                Batch batch = new Batch(from, to, manager);
                work.accept(batch, batch.objective(spec));
            }
        }
    }

    private CleanPass runCleanPass() {
        List<boolean[]> predictions = new PackedPredictions();
        List<Overlap> overlaps = new ArrayList<>(samples.size());
        double repeatDifference = 0;
        long start = System.nanoTime();
        int size = batchSize();
        for (int from = 0; from < samples.size(); from += size) {
            int to = Math.min(from + size, samples.size());
            try (NDManager manager = bundle.newManager()) {
                Batch batch = new Batch(from, to, manager);
                NDArray logits = batch.logits();
                if (from == 0) {
                    // A second pass over the first batch shows a random model (dropout left on) at once.
                    repeatDifference = logits.sub(batch.logits()).abs().max().getFloat();
                }
                boolean[][] batchPredictions = predict(logits, from);
                for (int i = from; i < to; i++) {
                    predictions.add(batchPredictions[i - from]);
                    overlaps.add(Overlap.between(batchPredictions[i - from], batch.prepared.get(i - from).mask()));
                }
            }
            options.progress().progress("clean pass", to, samples.size(), System.nanoTime() - start);
        }
        return new CleanPass(java.util.Collections.unmodifiableList(predictions), List.copyOf(overlaps), (System.nanoTime() - start) / 1e9,
                repeatDifference);
    }

    /** Thresholded predictions {@code sigmoid(z) > t}; NaN logits stop the run, naming the sample. */
    private boolean[][] predict(NDArray logits, int from) {
        float[] values = logits.toFloatArray();
        int batch = (int) logits.getShape().get(0);
        int pixels = values.length / batch;
        boolean[][] predictions = new boolean[batch][pixels];
        float threshold = (float) bundle.manifest().output().threshold();
        try (NDArray probabilities = Activation.sigmoid(logits)) {
            float[] p = probabilities.toFloatArray();
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < pixels; j++) {
                    float z = values[b * pixels + j];
                    if (Float.isNaN(z)) {
                        Sample sample = set.samples().get(from + b);
                        throw new ModelBundleException(bundle.directory().resolve(bundle.manifest().file()),
                                "returned NaN logits for " + sample.imageFile() + " (prompt \""
                                        + sample.prompt() + "\")");
                    }
                    predictions[b][j] = p[b * pixels + j] > threshold;
                }
            }
        }
        return predictions;
    }

    /**
     * Keeps the samples with the lowest attacked Dice and those with the largest Dice drop (a sample
     * the model never segmented well has a low attacked Dice but says little about the attack),
     * ordered by attacked Dice.
     */
    private void keepWorst(List<SampleArtifacts> worst) {
        int kept = options.keptWorstSamples();
        List<SampleArtifacts> byDrop = new ArrayList<>(worst);
        byDrop.sort(Comparator.comparingDouble((SampleArtifacts a) -> a.adversarialDice() - a.cleanDice()));
        worst.sort(Comparator.comparingDouble(SampleArtifacts::adversarialDice));
        Set<SampleArtifacts> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        keep.addAll(worst.subList(0, Math.min(kept, worst.size())));
        keep.addAll(byDrop.subList(0, Math.min(kept, byDrop.size())));
        worst.removeIf(a -> !keep.contains(a));
    }

    private RobustnessResult assemble(AttackSpec spec, List<SampleResult> results, List<SampleArtifacts> worst,
            Timings timings) {
        long seed = options.bootstrapSeed();
        double[] cleanDice = results.stream().mapToDouble(SampleResult::cleanDice).toArray();
        double[] cleanIou = results.stream().mapToDouble(SampleResult::cleanIou).toArray();
        double[] attackedDice = results.stream().mapToDouble(SampleResult::adversarialDice).toArray();
        double[] attackedIou = results.stream().mapToDouble(SampleResult::adversarialIou).toArray();
        double[] diceDrop = results.stream().mapToDouble(r -> r.cleanDice() - r.adversarialDice()).toArray();
        double[] iouDrop = results.stream().mapToDouble(r -> r.cleanIou() - r.adversarialIou()).toArray();
        double maxLinf = results.stream().mapToDouble(SampleResult::linf).max().orElse(0);
        double meanL2 = results.stream().mapToDouble(SampleResult::l2).average().orElse(0);
        double meanPsnr = results.stream().mapToDouble(SampleResult::psnr).average().orElse(Double.NaN);
        return new RobustnessResult(spec, bundle.name(), DisplayPath.of(bundle.directory()), set.name(),
                DisplayPath.of(set.root()), set.split(), set.promptChoice().key(), bundle.device().toString(),
                Summary.of(cleanDice, seed), Summary.of(cleanIou, seed), Summary.of(attackedDice, seed),
                Summary.of(attackedIou, seed), Summary.of(diceDrop, seed), Summary.of(iouDrop, seed),
                maxLinf, meanL2, meanPsnr, timings, results, worst, MaskingChecks.of(results, cleanPass()));
    }

    /** Samples {@code [from, to)} as native arrays in one manager. */
    private final class Batch {
        final int from;
        final int to;
        final NDManager manager;
        /** Decoded once per batch: with a large set, nothing outside the batch is kept. */
        final List<PreparedSample> prepared;
        final NDArray pixels;
        final NDArray targets;
        final NDArray inputIds;
        final NDArray attentionMask;

        Batch(int from, int to, NDManager manager) {
            this.from = from;
            this.to = to;
            this.manager = manager;
            this.prepared = List.copyOf(samples.subList(from, to));
            PreparedSample first = prepared.get(0);
            int pixelCount = first.pixels().length;
            int maskCount = first.mask().length;
            float[] pixelData = new float[(to - from) * pixelCount];
            float[] maskData = new float[(to - from) * maskCount];
            for (int i = from; i < to; i++) {
                System.arraycopy(prepared.get(i - from).pixels(), 0, pixelData, (i - from) * pixelCount, pixelCount);
                System.arraycopy(prepared.get(i - from).mask(), 0, maskData, (i - from) * maskCount, maskCount);
            }
            pixels = manager.create(pixelData, new Shape(to - from, first.channels(), first.height(), first.width()));
            targets = manager.create(maskData, new Shape(to - from, first.height(), first.width()));
            TokenBatch rows = tokens.rows(from, to);
            inputIds = rows.idsArray(manager);
            attentionMask = rows.attentionMaskArray(manager);
        }

        NDArray logits() {
            return bundle.network().logits(pixels, inputIds, attentionMask);
        }

        AttackObjective objective(AttackSpec spec) {
            return new AttackObjective(bundle.network(), inputIds, attentionMask, targets, spec.loss(),
                    (float) bundle.manifest().output().threshold());
        }

        /** One seed per sample from the attack seed and the sample's identity, not its position. */
        long[] seeds(long seed) {
            long[] seeds = new long[to - from];
            for (int i = from; i < to; i++) {
                seeds[i - from] = sampleSeed(seed, set.samples().get(i));
            }
            return seeds;
        }
    }
}
