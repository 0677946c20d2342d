package io.robustgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code report}: the summary table of the results; never fails over a violated rule (that is {@code check}'s job). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the robustness summary (robustness-summary.md and .json) to reportDirectory; exit 0 whatever the verdicts.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Mixin
    ConfigOptions.Results results;

    @Mixin
    ConfigOptions.Summary summary;

    @Override
    public Integer call() {
        GateConfiguration config = options.read();
        SummaryReport.write(config, ResultsInput.read(results.pathsOr(config)), summary.githubSummary, System.out);
        return ExitCode.PASSED;
    }
}
