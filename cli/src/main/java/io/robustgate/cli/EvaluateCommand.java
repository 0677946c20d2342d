package io.robustgate.cli;

import io.robustgate.evaluation.Shard;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code evaluate}: attacks the model and writes the results JSON, like {@code robustgate:evaluate}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Attack the model on the held-out set with the configured attacks and write the results JSON (resultsFile).")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Evaluate only shard K of N (1-based), e.g. one job of a CI matrix; check and report merge the shards' results. Default: $CI_NODE_INDEX/$CI_NODE_TOTAL (GitLab parallel:) when set, else the whole set.")
    String shard;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Record finished batches in DIR; started again after a kill, the run resumes there with identical results.")
    Path checkpointDirectory;

    @Override
    public Integer call() {
        Shard part;
        try {
            part = Shard.resolve(shard, System.getenv(), "--shard");
        } catch (IllegalArgumentException e) {
            // A bad --shard is a bad command line: picocli's usage error, exit 2, as for any mistyped option.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Evaluation.run(options.read(), part, checkpointDirectory, System.out);
        return ExitCode.PASSED;
    }
}
