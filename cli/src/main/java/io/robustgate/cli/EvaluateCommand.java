package io.robustgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code evaluate}: attacks the model and writes the results JSON, like {@code robustgate:evaluate}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Attack the model on the held-out set with the configured attacks and write the results JSON (resultsFile).")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        Evaluation.run(options.read(), System.out);
        return ExitCode.PASSED;
    }
}
