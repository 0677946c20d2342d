package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Mean Dice against severity, one line per corruption, for results whose strength is a
 * {@code severity} option rather than a budget (CORRUPTION; docs/corruptions.md): the clean Dice
 * as a reference line, a result listing several kinds (their per-sample worst) as one more line.
 * The eps curves ({@link RobustnessCurve}, {@link DashboardChart}) leave such results out: they
 * all sit at eps 0.
 */
public final class SeverityCurve {

    /** The option that sets the strength, and the one that names what a line is. */
    static final String SEVERITY = "severity";
    static final String KINDS = "kinds";

    private final String title;
    private final double cleanDice;
    private final Map<String, List<double[]>> lines = new LinkedHashMap<>();

    /** @param results results of one attack on one model and data set, each at one severity; at least one */
    public SeverityCurve(List<RobustnessResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a severity curve needs at least one result");
        }
        RobustnessResult first = results.get(0);
        this.title = first.attack().name() + ": Dice against severity on " + first.model() + " / " + first.dataset();
        this.cleanDice = results.stream().mapToDouble(r -> r.cleanDice().mean()).average().orElse(Double.NaN);
        results.stream()
                .sorted(Comparator.comparingInt(SeverityCurve::severity))
                .forEach(r -> lines.computeIfAbsent(line(r), k -> new ArrayList<>())
                        .add(new double[] {severity(r), r.adversarialDice().mean()}));
    }

    /** Whether a result is one severity of a budgetless perturbation (no budget, one {@code severity}). */
    public static boolean applies(RobustnessResult result) {
        Object severity = result.attack().options().get(SEVERITY);
        return "none".equals(result.attack().threatModel()) && severity != null && String.valueOf(severity).matches("\\d+");
    }

    /** The curves of {@code results} that {@link #applies} to, one per attack, model and data set. */
    public static List<SeverityCurve> of(List<RobustnessResult> results) {
        Map<String, List<RobustnessResult>> groups = new LinkedHashMap<>();
        for (RobustnessResult result : results) {
            if (applies(result)) {
                groups.computeIfAbsent(result.attack().name() + "|" + result.model() + "|" + result.dataset(),
                        k -> new ArrayList<>()).add(result);
            }
        }
        return groups.values().stream().map(SeverityCurve::new).toList();
    }

    public String title() {
        return title;
    }

    /** Line name → (severity, mean Dice) points by increasing severity. */
    public Map<String, List<double[]>> lines() {
        return lines;
    }

    public XYChart chart() {
        XYChart chart = new XYChartBuilder().width(RobustnessCurve.WIDTH).height(RobustnessCurve.HEIGHT).title(title)
                .xAxisTitle("severity").yAxisTitle("mean Dice").build();
        chart.getStyler().setXAxisMin(0.5).setXAxisMax(5.5).setYAxisMin(0.0).setYAxisMax(1.0)
                .setYAxisDecimalPattern("0.00").setXAxisDecimalPattern("0").setLegendPosition(Styler.LegendPosition.InsideSW)
                .setChartBackgroundColor(Color.WHITE);
        XYSeries clean = chart.addSeries("clean Dice", new double[] {0.5, 5.5}, new double[] {cleanDice, cleanDice});
        clean.setMarker(SeriesMarkers.NONE);
        clean.setLineStyle(SeriesLines.DOT_DOT);
        clean.setLineColor(Color.DARK_GRAY); // not a kind's colour: XChart's palette has green
        for (Map.Entry<String, List<double[]>> line : lines.entrySet()) {
            XYSeries series = chart.addSeries(line.getKey(), line.getValue().stream().mapToDouble(p -> p[0]).toArray(),
                    line.getValue().stream().mapToDouble(p -> p[1]).toArray());
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineStyle(SeriesLines.SOLID); // XChart would dash every fifth series by default
        }
        return chart;
    }

    public byte[] png() {
        return Png.of(chart(), "the severity curve " + title);
    }

    private static int severity(RobustnessResult result) {
        return Integer.parseInt(String.valueOf(result.attack().options().get(SEVERITY)));
    }

    /** {@code jpeg}, or {@code worst of jpeg,contrast} for a result over several kinds. */
    private static String line(RobustnessResult result) {
        String kinds = String.valueOf(result.attack().options().getOrDefault(KINDS, result.attack().name()));
        return kinds.contains(",") || kinds.equals("all") ? "worst of " + kinds : kinds;
    }
}
