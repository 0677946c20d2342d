package io.robustgate.report;

import io.robustgate.results.ResultsDocument;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.RecordedGate;
import io.robustgate.gate.RuleOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * What the dashboard is made from: the results documents of the build, the outcomes of the
 * build-level rules, and the folders where the worst samples' pictures were written.
 */
public record DashboardData(String title, List<ResultsDocument> documents, List<RuleOutcome> outcomes,
        List<Path> pictureFolders) {

    /** A result with the document it came from. */
    public record Sourced(String source, RecordedGate gate, RobustnessResult result) {}

    public DashboardData {
        documents = List.copyOf(documents);
        outcomes = List.copyOf(outcomes);
        pictureFolders = List.copyOf(pictureFolders);
    }

    public List<Sourced> results() {
        return documents.stream()
                .flatMap(d -> d.results().stream().map(r -> new Sourced(d.source(), d.gate(), r)))
                .toList();
    }
}
