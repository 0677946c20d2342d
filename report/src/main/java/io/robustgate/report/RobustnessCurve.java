package io.robustgate.report;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.DiceCurve;
import io.robustgate.evaluation.RobustnessResult;
import java.awt.Color;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Mean Dice against the budget eps for one attack: the clean Dice as a reference line, the
 * attacked Dice with markers, and the ends of its bootstrap 95% interval as dashed lines (XChart's
 * error bars are symmetric; a bootstrap interval usually is not). Eps is shown in 8-bit grey
 * levels, the unit people budget in.
 */
public final class RobustnessCurve {

    /** One budget's figures. */
    public record Point(float eps, double cleanDice, double attackedDice, double ciLow, double ciHigh) {}

    public static final int WIDTH = 720;
    public static final int HEIGHT = 440;

    private final String title;
    private final List<Point> points;

    /**
     * @param results results of one attack at different budgets (any order); at least one
     */
    public RobustnessCurve(List<RobustnessResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a robustness curve needs at least one result");
        }
        this.title = title(results.get(0));
        this.points = results.stream()
                .sorted(Comparator.comparingDouble(r -> r.attack().eps()))
                .map(r -> new Point(r.attack().eps(), r.cleanDice().mean(), r.adversarialDice().mean(),
                        r.adversarialDice().ciLow(), r.adversarialDice().ciHigh()))
                .toList();
    }

    /** The curve one result's analysis swept, from eps 0 to the result's budget. */
    public RobustnessCurve(RobustnessResult result, DiceCurve curve) {
        this.title = title(result) + String.format(java.util.Locale.ROOT, " (area %.3f)", curve.area());
        double clean = curve.points().get(0).dice();
        this.points = curve.points().stream()
                .map(p -> new Point(p.eps(), clean, p.dice(), p.ciLow(), p.ciHigh()))
                .toList();
    }

    public String title() {
        return title;
    }

    /** The plotted figures, by increasing eps. */
    public List<Point> points() {
        return points;
    }

    public XYChart chart() {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("eps (grey levels of 255)").yAxisTitle("mean Dice").build();
        // The x axis starts at 0 (no attack) so the smallest budget gets a labelled tick.
        chart.getStyler().setXAxisMin(0.0).setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.00")
                .setXAxisDecimalPattern("0.#").setLegendPosition(Styler.LegendPosition.InsideSW)
                .setChartBackgroundColor(Color.WHITE);
        double[] levels = points.stream().mapToDouble(p -> p.eps() * 255.0).toArray();
        XYSeries clean = chart.addSeries("clean Dice", levels, values(Point::cleanDice));
        clean.setMarker(SeriesMarkers.NONE);
        clean.setLineColor(new Color(0x2E, 0x7D, 0x32));
        XYSeries attacked = chart.addSeries("attacked Dice", levels, values(Point::attackedDice));
        attacked.setMarker(SeriesMarkers.CIRCLE);
        attacked.setLineColor(new Color(0xC6, 0x28, 0x28));
        attacked.setMarkerColor(new Color(0xC6, 0x28, 0x28));
        XYSeries low = chart.addSeries("95% CI", levels, values(Point::ciLow));
        XYSeries high = chart.addSeries("95% CI (upper)", levels, values(Point::ciHigh));
        for (XYSeries band : List.of(low, high)) {
            band.setMarker(SeriesMarkers.NONE);
            band.setLineStyle(SeriesLines.DASH_DASH);
            band.setLineColor(new Color(0xEF, 0x9A, 0x9A));
        }
        high.setShowInLegend(false);
        return chart;
    }

    public byte[] png() {
        return Png.of(chart(), "the robustness curve " + title);
    }

    private double[] values(java.util.function.ToDoubleFunction<Point> figure) {
        return points.stream().mapToDouble(figure).toArray();
    }

    /** The attack without its budget, e.g. {@code PGD steps=40 on golden-fixture / heldout/test}. */
    private static String title(RobustnessResult result) {
        AttackSpec attack = result.attack();
        String name = attack.displayName().replaceFirst(" eps=\\S+", "");
        return name + " on " + result.model() + " / " + result.dataset();
    }
}
