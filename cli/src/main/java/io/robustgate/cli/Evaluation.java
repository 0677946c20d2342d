package io.robustgate.cli;

import ai.djl.Device;
import io.robustgate.InputFileException;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.DataSetException;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.Shard;
import io.robustgate.model.ComputeDevice;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelBundleException;
import io.robustgate.report.ResultsDocument;
import io.robustgate.report.ResultsFile;
import io.robustgate.report.WorstSamplePictures;
import io.robustgate.report.ResultsTable;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code robustgate:evaluate} does, driven by a configuration file: loads the model once, attacks
 * the held-out set with every configured attack and budget, and writes the results JSON.
 */
final class Evaluation {

    static final String SOURCE = "cli:evaluate";

    static final String TORCH_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    static final String TORCH_INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

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
        if (!Files.isDirectory(config.model())) {
            throw new BadInputException("model: model bundle directory " + config.model() + " does not exist");
        }
        if (!Files.isDirectory(config.dataset())) {
            throw new BadInputException("dataset: held-out set directory " + config.dataset() + " does not exist");
        }
        applyTorchThreads(config.torchThreads());
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
            for (RobustnessResult result : results) {
                WorstSamplePictures.write(config.resultsFile().toAbsolutePath().getParent(), SOURCE, result);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        out.println("Wrote " + results.size() + " result(s) to " + config.resultsFile());
        return document;
    }

    /**
     * DJL reads these when the PyTorch engine starts, so they must be set before the first model
     * load; a {@code -Dai.djl.pytorch.num_threads} given to the JVM wins.
     */
    private static void applyTorchThreads(Integer threads) {
        if (threads != null && System.getProperty(TORCH_THREADS_PROPERTY) == null) {
            System.setProperty(TORCH_THREADS_PROPERTY, Integer.toString(threads));
            System.setProperty(TORCH_INTEROP_THREADS_PROPERTY, "1");
        }
    }
}
