package io.robustgate.report;

import java.util.List;
import java.util.Optional;

/** Gradient-masking alarms: figures that may look robust only because the attack could not get a useful gradient. */
final class AlarmsSection implements DashboardSection {

    record Row(String attack, String data, String kind, int samples, String examples, String message) {}

    @Override
    public Optional<Rendered> render(DashboardData data) {
        List<Row> rows = data.results().stream()
                .flatMap(s -> s.result().alarms().stream().map(a -> new Row(s.result().displayName(),
                        s.result().model() + " / " + s.result().dataset(), a.kind().name(), a.samples(),
                        String.join(", ", a.examples()), a.message())))
                .toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("alarms", "Gradient masking suspected",
                Templates.render("section-alarms.html", java.util.Map.of("rows", rows))));
    }
}
