package io.robustgate.cli;

import io.robustgate.configuration.ConfiguredAttack;
import io.robustgate.evaluation.Shard;
import io.robustgate.results.ResultsDocument;
import io.robustgate.run.EvaluationRun;
import io.robustgate.run.EvaluationRunException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What {@code robustgate:evaluate} does, driven by a configuration file: the configuration read into
 * an {@link EvaluationRun}, its messages on {@code out} and its failures as the CLI's exit codes.
 */
final class Evaluation {

    static final String SOURCE = "cli:evaluate";

    private Evaluation() {}

    static ResultsDocument run(GateConfiguration config, PrintStream out) {
        return run(config, Shard.WHOLE, null, out);
    }

    /** One shard of the set ({@link Shard#WHOLE}: all of it), checkpointing finished batches in {@code checkpoints} (null: not). */
    static ResultsDocument run(GateConfiguration config, Shard shard, Path checkpoints, PrintStream out) {
        config.requireEvaluationSettings();
        EvaluationRun.Settings settings = new EvaluationRun.Settings(config.model(), config.dataset(), config.split(),
                config.prompt(), config.sampleLimit(), config.device(), config.batchSize(), config.torchThreads(), shard,
                checkpoints, config.resultsFile(), SOURCE, "java -jar");
        try {
            if (config.sequential()) {
                for (ConfiguredAttack attack : config.configuredAttacks()) {
                    if (attack.limits().isEmpty()) {
                        out.println("sequential: " + attack.source() + " has no limits to decide; every image is attacked");
                    }
                }
            }
            return EvaluationRun.run(settings, EvaluationRun.attacks(config.configuredAttacks(), config.sequential(),
                            config.gateOn()),
                    new EvaluationRun.Listener() {
                        @Override
                        public void info(String message) {
                            out.println(message);
                        }

                        @Override
                        public void warn(String message) {
                            out.println("Warning: " + message);
                        }
                    });
        } catch (EvaluationRunException e) {
            if (e.kind() == EvaluationRunException.Kind.SETTING) {
                throw new ConfigurationException(config.file(), e.getMessage(), e);
            }
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
