package io.robustgate.report;

import io.robustgate.evaluation.sequential.Decision;
import io.robustgate.evaluation.sequential.SequentialLimit;
import io.robustgate.evaluation.sequential.SequentialRecord;
import io.robustgate.evaluation.sequential.SequentialVerdict;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How a sequential evaluation (docs/sequential.md) reached its decisions: per limit, the confidence sequence's lower
 * and upper bound after each batch against the images attacked so far, the limit as a dotted horizontal line, and a
 * vertical line where the limit was decided. A reader sees why the gate could stop after a few images (the interval
 * left the limit's side) or why it had to attack them all (the limit stayed inside). The x axis always runs to the
 * set's size, so an early stop reads as such. One panel per limit, stacked into one picture, so a result has one
 * attachment however many limits its gate has.
 */
public final class SequentialBoundsPlot {

    public static final int WIDTH = 720;
    /** The height of one limit's panel; the picture is this times the number of limits. */
    public static final int PANEL_HEIGHT = 360;

    static final Color BOUNDS = new Color(0x15, 0x65, 0xC0);
    static final Color MET = new Color(0x2E, 0x7D, 0x32);
    static final Color MISSED = new Color(0xC6, 0x28, 0x28);

    private final SequentialRecord record;
    private final String name;

    /** @param name what the picture is of, for its error messages, e.g. the attack's display name */
    public SequentialBoundsPlot(SequentialRecord record, String name) {
        if (record.limits().isEmpty()) {
            throw new IllegalArgumentException("a sequential record without limits has nothing to plot");
        }
        this.record = record;
        this.name = name;
    }

    /**
     * A panel's title: the limit, its decision, and when; e.g. {@code minDice ≥ 0.80: MISSED after 9 of 210 images}
     * or {@code minDice ≥ 0.80: MET on all 48 images' mean} when the exhausted set decided it exactly.
     */
    public String title(int limit) {
        SequentialRecord.LimitDecision d = record.limits().get(limit);
        String head = SequentialVerdict.limitHeading(d) + ": " + d.decision();
        if (d.exact()) {
            return head + String.format(Locale.ROOT, " on all %d images' mean", record.imagesTotal());
        }
        if (d.decision() == Decision.UNDECIDED) {
            return head + String.format(Locale.ROOT, " after %d of %d images", record.imagesAttacked(), record.imagesTotal());
        }
        return head + String.format(Locale.ROOT, " after %d of %d images", d.decidedAfter(), record.imagesTotal());
    }

    /** The y range that shows the limit and every bound: the figure's own scale, [0, 1] or (for a drop) [−1, 1]. */
    double[] yRange(int limit) {
        SequentialRecord.LimitDecision d = record.limits().get(limit);
        double lo = Math.min(d.limit(), d.lower());
        double hi = Math.max(d.limit(), d.upper());
        for (SequentialRecord.BatchBounds batch : record.batches()) {
            lo = Math.min(lo, batch.lower().get(limit));
            hi = Math.max(hi, batch.upper().get(limit));
        }
        // Bounds start at the figure's range and narrow, so they reveal it; snapping to it keeps panels comparable.
        if (lo >= 0 && hi <= 1) {
            return new double[] {0, 1};
        }
        if (lo >= -1 && hi <= 1) {
            return new double[] {-1, 1};
        }
        double pad = Math.max(hi - lo, 1e-9) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }

    /** Limit {@code limit}'s panel. */
    public XYChart chart(int limit) {
        SequentialRecord.LimitDecision d = record.limits().get(limit);
        double[] y = yRange(limit);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title(limit))
                .xAxisTitle("images attacked").yAxisTitle(d.label()).build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) record.imagesTotal()).setYAxisMin(y[0]).setYAxisMax(y[1])
                .setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.00")
                .setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE)
                .setMarkerSize(5);
        // A record written without its per-batch history (or read from an older file) still shows where it stopped.
        List<SequentialRecord.BatchBounds> batches = record.batches().isEmpty()
                ? List.of(new SequentialRecord.BatchBounds(record.imagesAttacked(), lowers(), uppers()))
                : record.batches();
        double[] x = batches.stream().mapToDouble(SequentialRecord.BatchBounds::imagesAttacked).toArray();
        double[] lower = batches.stream().mapToDouble(b -> b.lower().get(limit)).toArray();
        double[] upper = batches.stream().mapToDouble(b -> b.upper().get(limit)).toArray();
        String confidence = String.format(Locale.ROOT, "%s%% confidence sequence", SequentialVerdict.percent(record.alpha()));
        for (String side : List.of("upper", "lower")) {
            XYSeries bound = chart.addSeries(side.equals("upper") ? confidence : confidence + " (lower)", x,
                    side.equals("upper") ? upper : lower);
            // Markers too: a single batch is one point, which a line alone would not draw.
            bound.setMarker(SeriesMarkers.CIRCLE);
            bound.setMarkerColor(BOUNDS);
            bound.setLineColor(BOUNDS);
            bound.setLineStyle(SeriesLines.SOLID);
            bound.setShowInLegend(side.equals("upper"));
        }
        XYSeries limitLine = chart.addSeries(String.format(Locale.ROOT, "%s %.2f", d.name(), d.limit()),
                new double[] {0, record.imagesTotal()}, new double[] {d.limit(), d.limit()});
        limitLine.setMarker(SeriesMarkers.NONE);
        limitLine.setLineColor(Color.BLACK);
        limitLine.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
        if (d.decision() != Decision.UNDECIDED && d.decidedAfter() > 0) {
            Color colour = d.decision() == Decision.MET ? MET : MISSED;
            XYSeries decided = chart.addSeries(String.format(Locale.ROOT, "%s after %d", d.decision(), d.decidedAfter()),
                    new double[] {d.decidedAfter(), d.decidedAfter()}, new double[] {y[0], y[1]});
            decided.setMarker(SeriesMarkers.NONE);
            decided.setLineColor(colour);
            decided.setLineWidth(2.5f);
            decided.setLineStyle(SeriesLines.DASH_DASH);
            // The bound that crossed the limit, where it crossed: the decision's reason, not only its moment.
            XYSeries crossing = chart.addSeries(d.decision() + " bound", new double[] {d.decidedAfter()},
                    new double[] {decidingBound(limit)});
            crossing.setMarker(SeriesMarkers.DIAMOND);
            crossing.setMarkerColor(colour);
            crossing.setShowInLegend(false);
        }
        return chart;
    }

    /**
     * The bound that decided the limit, after the batch that decided it: for a minimum MET its lower bound (above the
     * limit), MISSED its upper bound (below it); mirrored for a maximum; the exact mean when exhaustion decided it.
     */
    double decidingBound(int limit) {
        SequentialRecord.LimitDecision d = record.limits().get(limit);
        if (d.exact()) {
            return d.mean();
        }
        boolean lowerDecides = (d.side() == SequentialLimit.Side.MINIMUM) == (d.decision() == Decision.MET);
        for (SequentialRecord.BatchBounds batch : record.batches()) {
            if (batch.imagesAttacked() == d.decidedAfter()) {
                return lowerDecides ? batch.lower().get(limit) : batch.upper().get(limit);
            }
        }
        return lowerDecides ? d.lower() : d.upper();
    }

    /** Every limit's panel, top to bottom in the limits' order. */
    public BufferedImage image() {
        int n = record.limits().size();
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * n, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int i = 0; i < n; i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(chart(i)), 0, i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    public byte[] png() {
        return Png.of(image(), "the sequential bounds of " + name);
    }

    private List<Double> lowers() {
        return record.limits().stream().map(SequentialRecord.LimitDecision::lower).toList();
    }

    private List<Double> uppers() {
        return record.limits().stream().map(SequentialRecord.LimitDecision::upper).toList();
    }

}
