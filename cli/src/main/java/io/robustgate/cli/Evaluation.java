package io.robustgate.cli;

import ai.djl.Device;
import io.robustgate.InputFileException;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.DataSetException;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.AllocatorAdvice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SetSizedBatch;
import io.robustgate.evaluation.Shard;
import io.robustgate.model.ComputeDevice;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelBundleException;
import io.robustgate.model.TorchThreads;
import io.robustgate.results.PerturbationFile;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import io.robustgate.report.WorstSamplePictures;
import io.robustgate.report.ResultsTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code robustgate:evaluate} does, driven by a configuration file: loads the model once, attacks
 * the held-out set with every configured attack and budget, and writes the results JSON.
 */
final class Evaluation {

    static final String SOURCE = "cli:evaluate";

    private Evaluation() {}

    static ResultsDocument run(GateConfiguration config, PrintStream out) {
        return run(config, Shard.WHOLE, null, out);
    }

    /** One shard of the set ({@link Shard#WHOLE}: all of it), checkpointing finished batches in {@code checkpoints} (null: not). */
    static ResultsDocument run(GateConfiguration config, Shard shard, java.nio.file.Path checkpoints, PrintStream out) {
        config.requireEvaluationSettings();
        Device device;
        try {
            device = ComputeDevice.resolve(config.device());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(config.file(), "device: " + e.getMessage(), e);
        }
        ModelBundle.locationProblem(config.model()).ifPresent(problem -> {
            throw new BadInputException("model: " + problem);
        });
        HeldOutSet.locationProblem(config.dataset()).ifPresent(problem -> {
            throw new BadInputException("dataset: " + problem);
        });
        TorchThreads.apply(config.torchThreads(), "torchThreads").warning().ifPresent(w -> out.println("Warning: " + w));
        // The same advice robustgate:evaluate logs: the variable must be set before the JVM starts.
        AllocatorAdvice.forThisProcess("java -jar").ifPresent(advice -> out.println("Warning: " + advice));
        List<RobustnessResult> results = new ArrayList<>();
        ResultsDocument document;
        try (ModelBundle bundle = ModelBundle.load(config.model(), device)) {
            HeldOutSet set = HeldOutSet.load(config.dataset(), config.split(), PromptChoice.of(config.prompt()))
                    .limit(config.sampleLimit());
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set, EvaluationOptions.DEFAULTS
                    .withBatchSize(config.batchSize()).withShard(shard).withCheckpointDirectory(checkpoints));
            out.printf(Locale.ROOT, "Attacking %s on %s (%d samples%s, prompt %s, %s) with %d attack(s)%n",
                    bundle.name(), set.name(), evaluator.samples().size(), shard.whole() ? ""
                            : " of " + set.samples().size() + ": shard " + shard, config.prompt(), bundle.device(),
                    config.attacks().size());
            if (config.batchSize() != EvaluationOptions.AUTO_BATCH_SIZE && config.batchSize() > evaluator.batchSize()) {
                out.println("Warning: batchSize: " + SetSizedBatch.describe(config.batchSize(), evaluator.batchSize()));
            }
            for (int i = 0; i < config.attacks().size(); i++) {
                RobustnessResult result = evaluator.evaluate(config.attacks().get(i), config.attackAnalyses().get(i));
                results.add(result);
                out.println(ResultsTable.headline(result));
                String analyses = ResultsTable.analysesHeadline(result);
                if (!analyses.isEmpty()) {
                    out.println("  " + analyses);
                }
            }
            document = ResultsDocument.of(SOURCE, results, evaluator);
        } catch (ModelBundleException e) {
            throw new BadInputException("model: " + e.getMessage(), e);
        } catch (DataSetException e) {
            throw new BadInputException("dataset: " + e.getMessage(), e);
        } catch (InputFileException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        try {
            ResultsFile.write(config.resultsFile(), document);
            // As robustgate:evaluate: each fitted universal perturbation beside the results, to apply it again.
            PerturbationFile.writeBesideEach(config.resultsFile(), results)
                    .forEach(file -> out.println("Wrote the fitted perturbation to " + file));
            for (RobustnessResult result : results) {
                WorstSamplePictures.write(config.resultsFile().toAbsolutePath().getParent(), SOURCE, result);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        out.println("Wrote " + results.size() + " result(s) to " + config.resultsFile());
        return document;
    }

}
