package io.robustgate.cli;

import io.robustgate.results.ResultsDocument;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.report.DashboardData;
import io.robustgate.report.RobustnessDashboard;
import io.robustgate.report.SummaryTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The CLI's report: the robustness summary table as Markdown and JSON in {@code reportDirectory},
 * the same files {@code robustgate:report} writes beside its Allure report. The Allure HTML itself
 * is left to the plugin (it needs Allure's distribution resolved through Maven).
 */
final class SummaryReport {

    static final String MARKDOWN = "robustness-summary.md";
    static final String JSON = "robustness-summary.json";

    private SummaryReport() {}

    /** The summary of {@code documents} with the configured rules' verdicts (none without rules). */
    static SummaryTable table(GateConfiguration config, List<ResultsDocument> documents) {
        return SummaryTable.of(documents, config.rules().isEmpty()
                ? List.of()
                : config.ruleCheck().check(documents.stream().flatMap(d -> d.results().stream()).toList()));
    }

    static SummaryTable write(GateConfiguration config, List<ResultsDocument> documents, Path summaryTarget, PrintStream out) {
        SummaryTable table = table(config, documents);
        try {
            table.writeMarkdown(config.reportDirectory().resolve(MARKDOWN));
            table.writeJson(config.reportDirectory().resolve(JSON));
        } catch (java.io.UncheckedIOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        out.println("Robustness summary: " + config.reportDirectory().resolve(MARKDOWN) + " and " + JSON);
        StepSummary.target(summaryTarget).ifPresent(file -> StepSummary.append(file, table.toMarkdown()));
        return table;
    }

    /**
     * The summary files and the {@code robustness.html} dashboard; pictures of the worst samples are
     * looked for under {@code resultPaths} (folders as given, files' folders).
     */
    static SummaryTable write(GateConfiguration config, List<ResultsDocument> documents, List<Path> resultPaths,
            Path summaryTarget, PrintStream out) {
        SummaryTable table = write(config, documents, summaryTarget, out);
        List<Path> folders = resultPaths.stream()
                .map(p -> java.nio.file.Files.isDirectory(p) ? p : p.toAbsolutePath().getParent())
                .toList();
        List<RuleOutcome> outcomes = config.rules().isEmpty() ? List.of()
                : config.ruleCheck().check(documents.stream().flatMap(d -> d.results().stream()).toList());
        try {
            Path page = RobustnessDashboard.publish(config.reportDirectory(),
                    new DashboardData("RobustGate", documents, outcomes, folders), java.time.Instant.now().toString());
            out.println("Robustness dashboard: " + page);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        return table;
    }
}
