package io.robustgate.cli;

import io.robustgate.results.ResultsDocument;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run}: evaluate, report and check in one process, what {@code mvn verify} does with the
 * plugin's three goals. The check judges only what this run evaluated, so a results file left by
 * an earlier run cannot keep a gate green.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "evaluate, then report and check this run's results: exit 1 when a rule is violated.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Mixin
    ConfigOptions.Summary summary;

    @Override
    public Integer call() {
        GateConfiguration config = options.read();
        config.requireRules();
        config.requireEvaluationSettings();
        List<ResultsDocument> documents = List.of(Evaluation.run(config, System.out));
        SummaryReport.write(config, documents, List.of(config.resultsFile()), summary.githubSummary, System.out);
        return GateCheck.run(config, documents, System.out, System.err);
    }
}
