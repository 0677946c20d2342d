package io.robustgate.report;

import io.robustgate.attack.EpsFormat;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.GateMetric;
import io.robustgate.metric.Summary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Dice (or IoU) against the budget for every attack on one model and data set, on one chart: each
 * attack's curve starts at the clean score at eps 0, its bootstrap 95% interval drawn as thin dashed
 * bounds (a band XChart cannot fill between two series), and every gate limit on the metric drawn as a
 * dotted horizontal line. Unlike {@link RobustnessCurve} (one attack, for one test's page) this is the
 * comparison a release reviewer reads.
 */
public final class DashboardChart {

    /** The score a chart plots. */
    public enum Score {
        DICE("Dice", RobustnessResult::cleanDice, RobustnessResult::adversarialDice, GateMetric.DICE, GateMetric.DICE_DROP),
        IOU("IoU", RobustnessResult::cleanIou, RobustnessResult::adversarialIou, GateMetric.IOU, GateMetric.IOU_DROP);

        final String label;
        final Function<RobustnessResult, Summary> clean;
        final Function<RobustnessResult, Summary> attacked;
        final GateMetric absolute;
        final GateMetric drop;

        Score(String label, Function<RobustnessResult, Summary> clean, Function<RobustnessResult, Summary> attacked,
                GateMetric absolute, GateMetric drop) {
            this.label = label;
            this.clean = clean;
            this.attacked = attacked;
            this.absolute = absolute;
            this.drop = drop;
        }

        public String label() {
            return label;
        }

        /** The level on this score's axis a limit stands for, or NaN when it bounds another score. */
        double level(GateMetric metric, double bound, double cleanMean) {
            if (metric == absolute) {
                return bound;
            }
            return metric == drop ? cleanMean - bound : Double.NaN;
        }
    }

    /** A horizontal line at {@code level}, e.g. {@code gate PGD eps=2/255: Dice ≥ 0.20}. */
    public record GateLine(String label, double level) {}

    public static final int WIDTH = 980;
    public static final int HEIGHT = 460;
    private static final Color[] ATTACK_COLOURS = {new Color(0xC6, 0x28, 0x28), new Color(0x15, 0x65, 0xC0),
            new Color(0x6A, 0x1B, 0x9A), new Color(0xEF, 0x6C, 0x00), new Color(0x00, 0x83, 0x8F),
            new Color(0x4E, 0x34, 0x2E), new Color(0xAD, 0x14, 0x57), new Color(0x55, 0x8B, 0x2F)};

    private final String title;
    private final Score score;
    private final Map<String, List<RobustnessResult>> byAttack;
    private final List<GateLine> gateLines;
    private final double cleanMean;

    /**
     * @param results every result on one model and data set (any attacks, any order); at least one
     * @param gates   the limits that apply to them, with the rule or annotation each comes from
     */
    public DashboardChart(String title, Score score, List<RobustnessResult> results, List<NamedLimit> gates) {
        this(title, score, results, gates, DashboardChart::attackName);
    }

    /**
     * @param seriesName the curve a result belongs to; results of one attack from different tests
     *     (another prompt, fewer samples) must not be joined into one line
     */
    public DashboardChart(String title, Score score, List<RobustnessResult> results, List<NamedLimit> gates,
            Function<RobustnessResult, String> seriesName) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one result");
        }
        this.title = title;
        this.score = score;
        this.byAttack = new LinkedHashMap<>();
        results.stream()
                .sorted(Comparator.comparing(seriesName).thenComparingDouble(r -> r.attack().eps()))
                .forEach(r -> byAttack.computeIfAbsent(seriesName.apply(r), k -> new ArrayList<>()).add(r));
        this.cleanMean = results.stream().mapToDouble(r -> score.clean.apply(r).mean()).average().orElse(Double.NaN);
        List<GateLine> lines = new ArrayList<>();
        for (NamedLimit gate : gates) {
            for (Double bound : new Double[] {gate.limit().minimum(), gate.limit().maximum()}) {
                if (bound == null) {
                    continue;
                }
                // A drop limit sits below the clean score of the results it gates, not of every attack.
                double gatedClean = gate.gated().isEmpty() ? cleanMean
                        : gate.gated().stream().mapToDouble(r -> score.clean.apply(r).mean()).average().orElse(cleanMean);
                double level = score.level(gate.limit().metric(), bound, gatedClean);
                if (Double.isFinite(level)) {
                    String relation = bound == gate.limit().minimum() ? "≥" : "≤";
                    String label = String.format(Locale.ROOT, "gate %s: %s %s %.2f", gate.name(),
                            gate.limit().metric().label(), relation, bound);
                    if (gate.limit().metric() == score.drop) {
                        label += String.format(Locale.ROOT, " (clean %.2f − %.2f)", gatedClean, bound);
                    }
                    if (!lines.contains(new GateLine(label, level))) {
                        // XChart needs unique series names; the same words at another level get a number.
                        String unique = label;
                        for (int k = 2; labelled(lines, unique); k++) {
                            unique = label + " (" + k + ")";
                        }
                        lines.add(new GateLine(unique, level));
                    }
                }
            }
        }
        this.gateLines = List.copyOf(lines);
    }

    private static boolean labelled(List<GateLine> lines, String label) {
        return lines.stream().anyMatch(l -> l.label().equals(label));
    }

    /**
     * A limit, where it comes from (a rule's name or an annotation's result) and the results it gates
     * (empty: all of the chart's).
     */
    public record NamedLimit(String name, io.robustgate.gate.Limit limit, List<RobustnessResult> gated) {

        public NamedLimit {
            gated = gated == null ? List.of() : List.copyOf(gated);
        }
    }

    public List<GateLine> gateLines() {
        return gateLines;
    }

    /** The attacks plotted, e.g. {@code PGD steps=10}. */
    public List<String> attacks() {
        return List.copyOf(byAttack.keySet());
    }

    public XYChart chart() {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("eps (grey levels of 255)").yAxisTitle("mean " + score.label).build();
        chart.getStyler().setXAxisMin(0.0).setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.00")
                .setXAxisDecimalPattern("0.#").setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE);
        double maxLevel = byAttack.values().stream().flatMap(List::stream)
                .mapToDouble(r -> r.attack().eps() * 255.0).max().orElse(1.0);
        int colour = 0;
        for (Map.Entry<String, List<RobustnessResult>> attack : byAttack.entrySet()) {
            List<RobustnessResult> sweep = attack.getValue();
            Color c = ATTACK_COLOURS[colour++ % ATTACK_COLOURS.length];
            int n = sweep.size() + 1;
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            Summary clean = score.clean.apply(sweep.get(0));
            x[0] = 0;
            mean[0] = clean.mean();
            low[0] = clean.ciLow();
            high[0] = clean.ciHigh();
            for (int i = 1; i < n; i++) {
                RobustnessResult r = sweep.get(i - 1);
                Summary s = score.attacked.apply(r);
                x[i] = r.attack().eps() * 255.0;
                mean[i] = s.mean();
                low[i] = s.ciLow();
                high[i] = s.ciHigh();
            }
            XYSeries curve = chart.addSeries(attack.getKey(), x, mean);
            curve.setMarker(SeriesMarkers.CIRCLE);
            curve.setLineStyle(SeriesLines.SOLID); // XChart would dash every fifth series by default
            curve.setLineColor(c);
            curve.setMarkerColor(c);
            for (String bound : List.of("low", "high")) {
                XYSeries band = chart.addSeries(attack.getKey() + " 95% CI " + bound, x, bound.equals("low") ? low : high);
                band.setMarker(SeriesMarkers.NONE);
                band.setLineStyle(SeriesLines.DASH_DASH);
                band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
                band.setShowInLegend(false);
                band.setLineWidth(1f);
            }
        }
        // One legend entry for all gate lines; the page lists each under the chart.
        for (int i = 0; i < gateLines.size(); i++) {
            GateLine line = gateLines.get(i);
            XYSeries gate = chart.addSeries(i == 0 ? "gate limits" : line.label(), new double[] {0, maxLevel},
                    new double[] {line.level(), line.level()});
            gate.setShowInLegend(i == 0);
            gate.setMarker(SeriesMarkers.NONE);
            gate.setLineColor(Color.BLACK);
            gate.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
        }
        return chart;
    }

    public byte[] png() {
        return Png.of(chart(), "the chart " + title);
    }

    /** The attack as a legend names it: its label and options without the budget. */
    static String attackName(RobustnessResult result) {
        return result.attack().displayName().replaceFirst(" eps=\\S+", "");
    }

    /** E.g. {@code 2/255}: the budgets a chart covers, for its caption. */
    static String eps(RobustnessResult result) {
        return EpsFormat.format(result.attack().eps());
    }
}
