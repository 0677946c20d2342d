package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.sequential.Decision;
import io.robustgate.evaluation.sequential.SequentialRecord;
import io.robustgate.evaluation.sequential.SequentialVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sequential gates: for each result a sequential evaluation decided, how many of the set's images it attacked, each
 * limit's decision with its confidence-sequence bounds and when it was made, and the bounds narrowing over the images
 * ({@link SequentialBoundsPlot}). A reviewer reads here why a gate could judge on fewer images than the set has.
 */
final class SequentialSection implements DashboardSection {

    record LimitRow(String limit, String decision, String decisionClass, String when, String bounds, String mean,
            String sequence) {}

    record Result(String attack, String data, int imagesAttacked, int imagesTotal, boolean exhausted, String alpha,
            String headline, List<LimitRow> limits, String plotUri) {}

    @Override
    public Optional<Rendered> render(DashboardData data) {
        List<Result> results = new ArrayList<>();
        for (DashboardData.Sourced sourced : data.results()) {
            RobustnessResult result = sourced.result();
            Optional<SequentialRecord> found = result.sequentialRecord();
            if (found.isEmpty()) {
                continue;
            }
            SequentialRecord record = found.get();
            List<LimitRow> limits = record.limits().stream().map(d -> new LimitRow(
                    SequentialVerdict.limitHeading(d),
                    d.decision().name(), d.decision().name().toLowerCase(Locale.ROOT),
                    d.exact() ? "exactly, on all " + record.imagesTotal() + " images"
                            : d.decision() == Decision.UNDECIDED ? "not within " + record.imagesAttacked() + " images"
                            : "after " + d.decidedAfter() + " images",
                    String.format(Locale.ROOT, "%.3f–%.3f", d.lower(), d.upper()), String.format(Locale.ROOT, "%.3f", d.mean()),
                    SequentialVerdict.boundsOn(d))).toList();
            results.add(new Result(result.displayName(), RobustnessDashboard.dataName(result), record.imagesAttacked(),
                    record.imagesTotal(), record.exhausted(), SequentialVerdict.alpha(record.alpha()) + " (" + record.alphaSplit() + ")",
                    SequentialVerdict.headline(record), limits,
                    DataUri.png(new SequentialBoundsPlot(record, result.displayName()).png())));
        }
        if (results.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("sequential", "Sequential gates",
                Templates.render("section-sequential.html", Map.of("results", results))));
    }
}
