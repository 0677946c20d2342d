package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Perturbations whose strength is a severity (image corruptions): Dice against severity, one line per kind. */
final class SeveritySection implements DashboardSection {

    record Curve(String title, String uri) {}

    @Override
    public Optional<Rendered> render(DashboardData data) {
        List<RobustnessResult> results = data.results().stream().map(DashboardData.Sourced::result).toList();
        List<Curve> curves = SeverityCurve.of(results).stream().map(c -> new Curve(c.title(), DataUri.png(c.png()))).toList();
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("severity", "Corruptions by severity",
                Templates.render("section-severity.html", Map.of("curves", curves))));
    }
}
