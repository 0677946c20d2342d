package io.robustgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code report}: the summary table of the results; never fails over a violated rule (that is {@code check}'s job). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the robustness summary (robustness-summary.md and .json) and the robustness.html dashboard to reportDirectory; exit 0 whatever the verdicts.")
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
        List<Path> paths = results.pathsOr(config);
        SummaryReport.write(config, ResultsInput.read(paths), paths, summary.githubSummary, System.out);
        return ExitCode.PASSED;
    }
}
