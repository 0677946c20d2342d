package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.gate.CheckedResult;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.GateViolation;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RecordedGate;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.report.SummaryRow.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code robustness.html}: one self-contained page per build (CSS, charts and pictures inline, no
 * network), like JaCoCo's report, made from the results JSON. Verdict first (each rule, its limit and
 * the measured mean and interval), then per model and data set the Dice and IoU curves of every
 * attack with the gate limits drawn in, the table of figures, the worst samples, and the optional
 * {@link DashboardSection}s and trend. The page is {@code robustness.html.mustache}; this class only
 * turns results into the values it shows.
 */
public final class RobustnessDashboard {

    public static final String FILE = "robustness.html";

    /** Optional sections, in page order; each shows only when some result has its data. */
    static final List<DashboardSection> SECTIONS = List.of(new AlarmsSection(), new SequentialSection(), new PromptSection(),
            new CriticalBudgetSection(), new EnsembleSection(), new UniversalSection(), new SeveritySection());

    /**
     * How many worst samples the gallery shows per ranking: each is two inline PNGs (~180 kB for the
     * sample's 256-pixel inputs), and the page must stay small enough to mail or attach.
     */
    static final int GALLERY_SIZE = 2;

    private final DashboardData data;
    private final DashboardTrend trend;

    public RobustnessDashboard(DashboardData data, DashboardTrend trend) {
        this.data = data;
        this.trend = trend == null ? new DashboardTrend(List.of()) : trend;
    }

    // ---- what the template reads ----

    record RuleView(String name, boolean passed, String status, List<String> lines) {}

    record ChartView(String score, String uri, String alt, List<String> gateLines, int gateLineCount) {}

    record GroupView(String title, List<ChartView> charts) {}

    record RowView(String data, String attack, String eps, int samples, String cleanDice, String attackedDice,
            String diceDrop, String diceCi, String cleanIou, String attackedIou, String iouDrop, String others,
            String psnr, String seconds, String gate, String gateClass, String source) {}

    record FigureView(String imageName, String figures, String panelUri, String overlayUri) {}

    record GalleryView(String attack, String data, List<FigureView> byAttackedDice, List<FigureView> byDrop) {}

    record Page(String title, String generatedAt, String verdictClass, String verdict, List<RuleView> rules,
            List<GroupView> groups, List<RowView> rows, List<GalleryView> galleries,
            List<DashboardSection.Rendered> sections, String trendUri, boolean hasTrend, boolean hasResults) {

        public boolean hasGalleries() {
            return !galleries.isEmpty();
        }
    }

    public String html() {
        List<RuleView> rules = rules();
        boolean anyGate = !rules.isEmpty();
        boolean passed = rules.stream().allMatch(RuleView::passed);
        long failed = rules.stream().filter(r -> !r.passed()).count();
        String verdict;
        String verdictClass;
        if (data.results().isEmpty()) {
            verdict = "No robustness results were recorded: nothing to release on";
            verdictClass = "failed";
        } else if (!anyGate) {
            verdict = "No gate configured: results are measured, not gated";
            verdictClass = "ungated";
        } else if (passed) {
            verdict = String.format(Locale.ROOT, "Release gate PASSED: %d of %d gates met", rules.size(), rules.size());
            verdictClass = "passed";
        } else {
            verdict = String.format(Locale.ROOT, "Release gate FAILED: %d of %d gates violated", failed, rules.size());
            verdictClass = "failed";
        }
        Optional<byte[]> trendPng = trend.png();
        List<DashboardSection.Rendered> sections = new ArrayList<>();
        for (DashboardSection section : SECTIONS) {
            section.render(data).ifPresent(sections::add);
        }
        Page page = new Page(data.title(), Instant.now().toString(), verdictClass, verdict, rules, groups(), rows(),
                galleries(), sections, trendPng.map(DataUri::png).orElse(null), trendPng.isPresent(),
                !data.results().isEmpty());
        return Templates.render("robustness.html", page);
    }

    /**
     * Writes {@code robustness.html} into {@code reportDirectory}, with this build added to the trend
     * kept there ({@code robustness-trend.json}); returns the page's path.
     */
    public static Path publish(Path reportDirectory, DashboardData data, String buildLabel) {
        Path trendFile = reportDirectory.resolve(DashboardTrend.FILE);
        DashboardTrend trend = DashboardTrend.read(trendFile).plus(buildLabel, data.documents());
        trend.write(trendFile);
        Path page = reportDirectory.resolve(FILE);
        new RobustnessDashboard(data, trend).write(page);
        return page;
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard to " + file, e);
        }
    }

    /** Build-level rules first, then each annotation's gate (one per results file that recorded one). */
    private List<RuleView> rules() {
        List<RuleView> views = new ArrayList<>();
        for (RuleOutcome outcome : data.outcomes()) {
            List<String> lines = new ArrayList<>();
            if (outcome.matchedNothing()) {
                lines.add("matched no result: " + outcome.violations().stream().map(GateViolation::message)
                        .findFirst().orElse("no recorded result has this attack and budget"));
            }
            for (CheckedResult checked : outcome.checked()) {
                lines.addAll(measured(checked.result(), outcome.rule().limits(), checked.violations()));
            }
            views.add(new RuleView("rule " + outcome.rule().displayName(), outcome.passed(),
                    outcome.passed() ? "met" : outcome.matchedNothing() ? "matched no result" : "VIOLATED", lines));
        }
        for (DashboardData.Sourced sourced : data.results()) {
            RecordedGate gate = sourced.gate();
            if (gate == null || !gate.gates()) {
                continue;
            }
            List<GateViolation> violations = gate.toGate().check(sourced.result());
            views.add(new RuleView("annotation on " + sourced.source().replaceFirst("^junit:", "") + ", "
                    + sourced.result().displayName(), violations.isEmpty(), violations.isEmpty() ? "met" : "VIOLATED",
                    measured(sourced.result(), gate.limits(), violations)));
        }
        return views;
    }

    /** One line per limit: the bound, the measured mean with its interval, and whether it was met. */
    private static List<String> measured(RobustnessResult result, List<Limit> limits, List<GateViolation> violations) {
        List<String> lines = new ArrayList<>();
        for (Limit limit : limits) {
            boolean violated = violations.stream().anyMatch(v -> v.limit() != null && v.limit().equals(limit));
            // Single figures (median critical eps, curve area) have no interval; means do.
            String measured = limit.metric().summary(result)
                    .map(summary -> String.format(Locale.ROOT, "%.3f (95%% CI %.3f–%.3f, n=%d)", summary.mean(),
                            summary.ciLow(), summary.ciHigh(), summary.n()))
                    .orElseGet(() -> limit.metric().format(limit.metric().value(result, GateStatistic.MEAN)));
            lines.add(String.format(Locale.ROOT, "%s on %s / %s: %s%s — measured %s: %s", result.displayName(),
                    result.model(), result.dataset(), limit.metric().label(), bounds(limit), measured,
                    violated ? "VIOLATED" : "met"));
        }
        violations.stream().filter(v -> v.limit() == null).forEach(v -> lines.add(v.message() + ": VIOLATED"));
        return lines;
    }

    private static String bounds(Limit limit) {
        StringBuilder text = new StringBuilder();
        if (limit.minimum() != null) {
            text.append(" ≥ ").append(bound(limit, limit.minimum()));
        }
        if (limit.maximum() != null) {
            text.append(" ≤ ").append(bound(limit, limit.maximum()));
        }
        return text.toString();
    }

    /** Two decimals as limits are written ({@code 0.20}); a budget in grey levels ({@code 2.00/255}). */
    static String bound(Limit limit, double value) {
        return limit.metric().isBudget() ? limit.metric().format(value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Per model and data set: a Dice chart and an IoU chart. */
    private List<GroupView> groups() {
        Map<String, List<DashboardData.Sourced>> byData = new LinkedHashMap<>();
        // Results without a budget (corruptions, all at eps 0) have their own severity curves.
        data.results().stream().filter(s -> !SeverityCurve.applies(s.result()))
                .sorted(Comparator.comparing((DashboardData.Sourced s) -> dataName(s.result())))
                .forEach(s -> byData.computeIfAbsent(dataName(s.result()), k -> new ArrayList<>()).add(s));
        List<GroupView> groups = new ArrayList<>();
        for (Map.Entry<String, List<DashboardData.Sourced>> group : byData.entrySet()) {
            List<RobustnessResult> results = group.getValue().stream().map(DashboardData.Sourced::result).toList();
            List<DashboardChart.NamedLimit> gates = gatesOn(group.getValue());
            List<ChartView> charts = new ArrayList<>();
            java.util.function.Function<RobustnessResult, String> seriesName = seriesNames(group.getValue());
            for (DashboardChart.Score score : DashboardChart.Score.values()) {
                DashboardChart chart = new DashboardChart(score.label() + " against eps: " + group.getKey(), score,
                        results, gates, seriesName);
                List<String> lines = chart.gateLines().stream()
                        .map(l -> String.format(Locale.ROOT, "%s (drawn at %.3f)", l.label(), l.level())).toList();
                charts.add(new ChartView(score.label(), DataUri.png(chart.png()), score.label() + " against eps for "
                        + String.join(", ", chart.attacks()) + " on " + group.getKey(), lines, lines.size()));
            }
            groups.add(new GroupView(group.getKey(), charts));
        }
        return groups;
    }

    /**
     * One curve per attack, or per attack and source where several sources ran the same attack (a
     * prompt test on two images beside evaluate's 48): {@code PGD steps=10 (PromptRobustnessTest)}.
     */
    private static java.util.function.Function<RobustnessResult, String> seriesNames(List<DashboardData.Sourced> results) {
        Map<RobustnessResult, String> names = new java.util.IdentityHashMap<>();
        Map<String, java.util.Set<String>> sources = new LinkedHashMap<>();
        results.forEach(s -> sources.computeIfAbsent(DashboardChart.attackName(s.result()), k -> new java.util.HashSet<>())
                .add(String.valueOf(s.source())));
        for (DashboardData.Sourced s : results) {
            String attack = DashboardChart.attackName(s.result());
            names.put(s.result(), sources.get(attack).size() > 1 ? attack + " (" + shortSource(s.source()) + ")" : attack);
        }
        return names::get;
    }

    /** {@code junit:io.example.FetalHeadTest#method} → {@code FetalHeadTest}; {@code maven:evaluate} → {@code evaluate}. */
    static String shortSource(String source) {
        String name = String.valueOf(source).replaceFirst("^[a-z]+:", "").replaceFirst("#.*$", "");
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The limits of every rule that matched one of these results, and of every annotation that gated one. */
    private List<DashboardChart.NamedLimit> gatesOn(List<DashboardData.Sourced> results) {
        List<DashboardChart.NamedLimit> limits = new ArrayList<>();
        for (RuleOutcome outcome : data.outcomes()) {
            List<RobustnessResult> gated = results.stream().map(DashboardData.Sourced::result).filter(outcome::matches)
                    .toList();
            if (!gated.isEmpty()) {
                outcome.rule().limits().forEach(l -> limits.add(
                        new DashboardChart.NamedLimit(outcome.rule().displayName(), l, gated)));
            }
        }
        for (DashboardData.Sourced sourced : results) {
            if (sourced.gate() != null) {
                // Named by its test class: two classes may gate the same attack (a full gate and a sequential one).
                String name = sourced.result().displayName() + " (" + shortSource(sourced.source())
                        + (sourced.result().sequentialRecord().isPresent() ? ", sequential" : "") + ")";
                sourced.gate().limits().forEach(l -> limits.add(
                        new DashboardChart.NamedLimit(name, l, List.of(sourced.result()))));
            }
        }
        return limits;
    }

    private List<RowView> rows() {
        return data.results().stream()
                .sorted(Comparator.comparing((DashboardData.Sourced s) -> dataName(s.result()))
                        .thenComparing(s -> s.result().attack().label())
                        .thenComparingDouble(s -> s.result().attack().eps()))
                .map(s -> {
                    RobustnessResult r = s.result();
                    Verdict verdict = SummaryTable.verdict(r, data.outcomes(), s.gate());
                    return new RowView(dataName(r), DashboardChart.attackName(r), DashboardChart.eps(r),
                            r.adversarialDice().n(), f3(r.cleanDice().mean()), f3(r.adversarialDice().mean()),
                            f3(r.diceDrop().mean()), String.format(Locale.ROOT, "%.3f–%.3f", r.adversarialDice().ciLow(),
                                    r.adversarialDice().ciHigh()),
                            f3(r.cleanIou().mean()), f3(r.adversarialIou().mean()), f3(r.iouDrop().mean()),
                            ResultsTable.otherMetrics(r), Double.isInfinite(r.meanPsnr()) ? "∞" : String.format(Locale.ROOT, "%.1f dB", r.meanPsnr()),
                            r.timings() == null ? "" : String.format(Locale.ROOT, "%.1f s", r.timings().attackSeconds()),
                            verdict.label(), verdict.name().toLowerCase(Locale.ROOT).replace('_', '-'), s.source());
                })
                .toList();
    }

    /** For each result whose pictures were kept: its worst samples by attacked Dice and by Dice drop. */
    private List<GalleryView> galleries() {
        List<GalleryView> galleries = new ArrayList<>();
        for (DashboardData.Sourced sourced : data.results()) {
            RobustnessResult result = sourced.result();
            Map<String, WorstSamplePictures.Pictures> pictures = WorstSamplePictures.read(data.pictureFolders(),
                    sourced.source(), result);
            if (pictures.isEmpty()) {
                continue;
            }
            List<SampleResult> byDice = result.samples().stream().filter(s -> pictures.containsKey(s.sampleId()))
                    .sorted(Comparator.comparingDouble(SampleResult::adversarialDice)).limit(GALLERY_SIZE).toList();
            // A sample can be worst by both rankings; it is shown once.
            List<SampleResult> byDrop = result.samples().stream()
                    .filter(s -> pictures.containsKey(s.sampleId()) && !byDice.contains(s))
                    .sorted(Comparator.comparingDouble(SampleResult::diceDrop).reversed()).limit(GALLERY_SIZE).toList();
            galleries.add(new GalleryView(result.displayName(), dataName(result), figures(byDice, pictures),
                    figures(byDrop, pictures)));
        }
        return galleries;
    }

    private static List<FigureView> figures(List<SampleResult> ranked, Map<String, WorstSamplePictures.Pictures> pictures) {
        return ranked.stream()
                .map(s -> new FigureView(s.imageName(), String.format(Locale.ROOT, "Dice %.3f → %.3f (drop %.3f)",
                        s.cleanDice(), s.adversarialDice(), s.diceDrop()), DataUri.png(pictures.get(s.sampleId()).panel()),
                        DataUri.png(pictures.get(s.sampleId()).overlay())))
                .toList();
    }

    static String dataName(RobustnessResult result) {
        return result.model() + " / " + result.dataset();
    }

    private static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
