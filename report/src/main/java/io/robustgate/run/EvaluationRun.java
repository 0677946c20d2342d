package io.robustgate.run;

import ai.djl.Device;
import io.robustgate.InputFileException;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.DataSetException;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.AllocatorAdvice;
import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SetSizedBatch;
import io.robustgate.evaluation.Shard;
import io.robustgate.configuration.ConfiguredAttack;
import io.robustgate.evaluation.sequential.SequentialPlan;
import io.robustgate.evaluation.sequential.SequentialVerdict;
import io.robustgate.gate.GateStatistic;
import io.robustgate.model.ComputeDevice;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelBundleException;
import io.robustgate.model.TorchThreads;
import io.robustgate.report.ResultsTable;
import io.robustgate.report.WorstSamplePictures;
import io.robustgate.results.PerturbationFile;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One evaluation, as {@code robustgate:evaluate} and the CLI's {@code evaluate}/{@code run} do it: loads
 * the model once, attacks the held-out set with every attack and budget (their clean pass shared),
 * and writes the results JSON, the worst samples' pictures beside it and, for each set-level attack,
 * the fitted perturbation ({@code .delta.safetensors}). The front-ends only read their own
 * configuration into a {@link Settings} and route the {@link Listener}'s messages.
 */
public final class EvaluationRun {

    /** Where the run's messages go: Maven's log, the CLI's standard output. */
    public interface Listener {
        void info(String message);

        void warn(String message);
    }

    /**
     * @param sampleLimit attack only the first N samples (0: all)
     * @param batchSize {@link EvaluationOptions#AUTO_BATCH_SIZE}: measured
     * @param torchThreads null: libtorch's default
     * @param checkpoints where finished batches are checkpointed; null: nowhere
     * @param source the results' {@code source} ({@code maven:evaluate}, {@code cli:evaluate})
     * @param launcher how this process was started, for the allocator advice ({@code mvn}, {@code java -jar})
     */
    public record Settings(Path model, Path dataset, String split, String prompt, int sampleLimit, String device,
                           int batchSize, Integer torchThreads, Shard shard, Path checkpoints, Path resultsFile,
                           String source, String launcher) {
        public Settings {
            Objects.requireNonNull(shard, "shard");
            Objects.requireNonNull(resultsFile, "resultsFile");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * An attack at one budget, what is measured around it and, for a sequential gate, the limits it decides.
     *
     * @param sequential null: every image is attacked
     */
    public record Attack(AttackSpec spec, Analyses analyses, SequentialPlan sequential) {

        public Attack(AttackSpec spec, Analyses analyses) {
            this(spec, analyses, null);
        }
    }

    private EvaluationRun() {}

    /** Pairs each spec with the analyses at the same index. */
    public static List<Attack> attacks(List<AttackSpec> specs, List<Analyses> analyses) {
        if (specs.size() != analyses.size()) {
            throw new IllegalArgumentException(specs.size() + " attacks but " + analyses.size() + " analyses");
        }
        List<Attack> attacks = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            attacks.add(new Attack(specs.get(i), analyses.get(i)));
        }
        return attacks;
    }

    /**
     * Each configured attack at each of its budgets; with {@code sequential} (the plugin's {@code <sequential>}, the
     * YAML's {@code sequential: true}) or the entry's own {@code sequential}, an attack with limits decides them
     * sequentially on {@code gateOn} (unless it names its own statistic), and one without limits is attacked whole.
     */
    public static List<Attack> attacks(List<ConfiguredAttack> configured, boolean sequential, GateStatistic gateOn) {
        List<Attack> attacks = new ArrayList<>();
        for (ConfiguredAttack entry : configured) {
            SequentialPlan plan;
            try {
                plan = entry.sequentialPlan(sequential, gateOn).orElse(null);
            } catch (IllegalArgumentException e) {
                throw setting(entry.source() + ": " + e.getMessage(), e);
            }
            for (AttackSpec spec : entry.specs()) {
                attacks.add(new Attack(spec, entry.analyses(), plan));
            }
        }
        return attacks;
    }

    /** Runs every attack and writes what it found; returns the document written. */
    public static ResultsDocument run(Settings settings, List<Attack> attacks, Listener listener) {
        ModelBundle.locationProblem(settings.model()).ifPresent(problem -> {
            throw input("model: " + problem, null);
        });
        HeldOutSet.locationProblem(settings.dataset()).ifPresent(problem -> {
            throw input("dataset: " + problem, null);
        });
        if (!settings.shard().whole() && attacks.stream().anyMatch(a -> a.sequential() != null)) {
            throw setting("sequential: shard " + settings.shard() + " cannot decide when to stop, since it cannot see the"
                    + " other shards' images; run the sequential gate unsharded, or the shards without sequential", null);
        }
        Device device;
        try {
            device = ComputeDevice.resolve(settings.device());
        } catch (IllegalArgumentException e) {
            throw setting("device: " + e.getMessage(), e);
        }
        // DJL reads its thread properties when the PyTorch engine starts; more threads than cores are lowered, with a warning.
        try {
            TorchThreads.apply(settings.torchThreads(), "torchThreads").warning().ifPresent(listener::warn);
        } catch (IllegalArgumentException e) {
            throw setting("torchThreads: " + e.getMessage(), e);
        }
        // The variable must be set before the JVM starts: say so before the first allocation.
        AllocatorAdvice.forThisProcess(settings.launcher()).ifPresent(listener::warn);
        List<RobustnessResult> results = new ArrayList<>();
        ResultsDocument document;
        try (ModelBundle bundle = ModelBundle.load(settings.model(), device)) {
            HeldOutSet set = HeldOutSet.load(settings.dataset(), settings.split(), PromptChoice.of(settings.prompt()))
                    .limit(settings.sampleLimit());
            boolean sequential = attacks.stream().anyMatch(a -> a.sequential() != null);
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set, EvaluationOptions.DEFAULTS
                    .withBatchSize(settings.batchSize()).withShard(settings.shard())
                    .withCheckpointDirectory(settings.checkpoints()).withSequentialBatches(sequential));
            Shard shard = settings.shard();
            listener.info(String.format(Locale.ROOT, "Attacking %s on %s (%d samples%s, prompt %s, %s) with %d attack(s)",
                    bundle.name(), set.name(), evaluator.samples().size(), shard.whole() ? ""
                            : " of " + set.samples().size() + ": shard " + shard, settings.prompt(), bundle.device(),
                    attacks.size()));
            if (settings.batchSize() != EvaluationOptions.AUTO_BATCH_SIZE && settings.batchSize() > evaluator.batchSize()) {
                listener.warn("batchSize: " + SetSizedBatch.describe(settings.batchSize(), evaluator.batchSize()));
            }
            listener.info(batchSizeLine(evaluator));
            for (Attack attack : attacks) {
                RobustnessResult result = evaluator.evaluate(attack.spec(), attack.analyses(), attack.sequential());
                results.add(result);
                listener.info(ResultsTable.headline(result));
                result.sequentialRecord().ifPresent(record -> listener.info("  " + SequentialVerdict.headline(record)));
                String found = ResultsTable.analysesHeadline(result);
                if (!found.isEmpty()) {
                    listener.info("  " + found);
                }
            }
            document = ResultsDocument.of(settings.source(), results, evaluator);
        } catch (ModelBundleException e) {
            throw input("model: " + e.getMessage(), e);
        } catch (DataSetException e) {
            throw input("dataset: " + e.getMessage(), e);
        } catch (InputFileException e) {
            throw input(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw setting(e.getMessage(), e);
        }
        write(settings, document, results, listener);
        return document;
    }

    /** The results JSON, each fitted universal perturbation beside it (to apply it again), and the worst samples' pictures. */
    private static void write(Settings settings, ResultsDocument document, List<RobustnessResult> results,
                              Listener listener) {
        Path file = settings.resultsFile();
        try {
            ResultsFile.write(file, document);
            PerturbationFile.writeBesideEach(file, results)
                    .forEach(delta -> listener.info("Wrote the fitted perturbation to " + delta));
            for (RobustnessResult result : results) {
                WorstSamplePictures.write(file.toAbsolutePath().getParent(), settings.source(), result);
            }
        } catch (UncheckedIOException e) {
            throw input(e.getMessage(), e);
        }
        listener.info("Wrote " + results.size() + " result(s) to " + file);
    }

    /** The batch size used and, when it was measured, the trials it was chosen from. */
    static String batchSizeLine(RobustnessEvaluator evaluator) {
        return "Batch size " + evaluator.batchSize() + evaluator.batchSizeChoice()
                .map(c -> " (measured: fastest per sample of " + c.trials().stream()
                        .map(t -> t.batchSize() + String.format(Locale.ROOT, " %.0f ms", 1000 * t.secondsPerSample()))
                        .collect(Collectors.joining(", ")) + "; set batchSize to fix it)")
                .orElse("");
    }

    private static EvaluationRunException input(String message, Throwable cause) {
        return new EvaluationRunException(EvaluationRunException.Kind.INPUT, message, cause);
    }

    private static EvaluationRunException setting(String message, Throwable cause) {
        return new EvaluationRunException(EvaluationRunException.Kind.SETTING, message, cause);
    }
}
