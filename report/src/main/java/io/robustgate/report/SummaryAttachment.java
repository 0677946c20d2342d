package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A test's summary as a small self-contained HTML page (media type {@code text/html}), which Allure
 * shows inline on the test's page, where Markdown only offers a download: the figures table (the
 * columns of {@link ResultsTable#markdown}), the robustness curves when given, ensemble members and
 * alarms, and a link to the build's {@code robustness.html}.
 */
public final class SummaryAttachment {

    public static final String MEDIA_TYPE = "text/html";
    public static final String EXTENSION = "html";

    record Row(String attack, int n, String cleanDice, String attackedDice, String diceCi, String diceDrop,
            String cleanIou, String attackedIou, String others, String maxLinf, String psnr, String alarms) {}

    record Member(String member, int wins, int samples, String meanDice) {}

    record Members(String attack, List<Member> rows) {}

    record Alarm(String attack, String kind, String message) {}

    record Curve(String title, String uri) {}

    record Page(String title, List<Row> rows, List<Members> members, List<Alarm> alarms, List<Curve> curves,
            String dashboard) {

        public boolean hasAlarms() {
            return !alarms.isEmpty();
        }
    }

    private SummaryAttachment() {}

    /** The summary of {@code results}, with a curve per sweep in {@code curves}. */
    public static byte[] html(String title, List<RobustnessResult> results, List<RobustnessCurve> curves) {
        List<Row> rows = results.stream().map(r -> new Row(r.displayName(), r.adversarialDice().n(), f(r.cleanDice().mean()),
                f(r.adversarialDice().mean()), f(r.adversarialDice().ciLow()) + "–" + f(r.adversarialDice().ciHigh()),
                f(r.diceDrop().mean()), f(r.cleanIou().mean()), f(r.adversarialIou().mean()), ResultsTable.otherMetrics(r),
                String.format(Locale.ROOT, "%.4f", r.maxLinf()),
                Double.isInfinite(r.meanPsnr()) ? "∞" : String.format(Locale.ROOT, "%.1f dB", r.meanPsnr()),
                ResultsTable.alarmCell(r))).toList();
        List<Members> members = results.stream().filter(r -> !ResultsTable.members(r).isEmpty())
                .map(r -> new Members(r.displayName(), ResultsTable.members(r).stream()
                        .map(m -> new Member(m.member(), m.wins(), m.samples(), f(m.meanDice()))).toList()))
                .toList();
        List<Alarm> alarms = results.stream().flatMap(r -> r.alarms().stream()
                .map(a -> new Alarm(r.displayName(), a.kind().name(), a.message()))).toList();
        List<Curve> images = curves.stream().map(c -> new Curve(c.title(), DataUri.png(c.png()))).toList();
        Page page = new Page(title, rows, members, alarms, images, RobustnessDashboard.FILE);
        return Templates.render("summary-attachment.html", page).getBytes(StandardCharsets.UTF_8);
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
