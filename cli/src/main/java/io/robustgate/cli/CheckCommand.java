package io.robustgate.cli;

import io.robustgate.results.ResultsDocument;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code check}: the configured rules over results JSON; exit 1 when one is violated, like {@code robustgate:check}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check results JSON against the configured rules; exit 1 when a rule is violated or matches no result.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Mixin
    ConfigOptions.Results results;

    @Mixin
    ConfigOptions.Summary summary;

    @Override
    public Integer call() {
        GateConfiguration config = options.read();
        config.requireRules();
        List<ResultsDocument> documents = ResultsInput.read(results.pathsOr(config));
        int exit = GateCheck.run(config, documents, System.out, System.err);
        StepSummary.target(summary.githubSummary)
                .ifPresent(file -> StepSummary.append(file, SummaryReport.table(config, documents).toMarkdown()));
        return exit;
    }
}
