package io.robustgate.report;

import io.robustgate.evaluation.CriticalBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The critical budget: per sample the smallest eps that breaks it, as a histogram, and the median. */
final class CriticalBudgetSection implements DashboardSection {

    record Result(String attack, String data, String median, String threshold, int notReached, int samples,
            String histogramUri) {}

    @Override
    public Optional<Rendered> render(DashboardData data) {
        List<Result> results = new ArrayList<>();
        for (DashboardData.Sourced sourced : data.results()) {
            Optional<CriticalBudget> found = sourced.result().criticalBudget();
            if (found.isEmpty()) {
                continue;
            }
            CriticalBudget budget = found.get();
            String threshold = budget.threshold().relative()
                    ? String.format(Locale.ROOT, "Dice below %.0f%% of the sample's clean Dice", 100 * budget.threshold().value())
                    : String.format(Locale.ROOT, "Dice below %.3f", budget.threshold().value());
            results.add(new Result(sourced.result().displayName(), RobustnessDashboard.dataName(sourced.result()),
                    String.format(Locale.ROOT, "%s%.2f/255", budget.medianIsLowerBound() ? "≥ " : "",
                            budget.medianCriticalEps() * 255),
                    threshold, budget.notReached(), budget.samples().size(),
                    DataUri.png(new CriticalBudgetHistogram(sourced.result(), budget).png())));
        }
        if (results.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("critical-eps", "Critical budget",
                Templates.render("section-critical-eps.html", Map.of("results", results))));
    }
}
