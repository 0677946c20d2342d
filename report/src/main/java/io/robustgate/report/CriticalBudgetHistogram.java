package io.robustgate.report;

import io.robustgate.evaluation.CriticalBudget;
import io.robustgate.evaluation.RobustnessResult;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * How many samples each critical budget has: one bar per point of the search grid (in grey levels
 * of 255) and a last, grey bar for the samples the largest budget did not break. The median is in the title.
 */
public final class CriticalBudgetHistogram {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 440;

    private final String title;
    private final CriticalBudget budget;

    public CriticalBudgetHistogram(RobustnessResult result, CriticalBudget budget) {
        this.budget = budget;
        this.title = String.format(Locale.ROOT, "critical eps (%s): median %s%.2f/255, %s",
                budget.threshold().describe(), budget.medianIsLowerBound() ? "≥ " : "", budget.medianCriticalEps() * 255,
                result.attack().displayName());
    }

    public String title() {
        return title;
    }

    /** Bar labels, in grey levels, and the last one for samples never broken. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (CriticalBudget.HistogramBin bin : budget.histogram()) {
            labels.add(String.format(Locale.ROOT, "%.1f", bin.eps() * 255));
        }
        labels.add(String.format(Locale.ROOT, "> %.1f", budget.maxEps() * 255));
        return labels;
    }

    /** Bar heights, in the order of {@link #labels()}. */
    public List<Integer> counts() {
        List<Integer> counts = new ArrayList<>(budget.histogram().stream().map(CriticalBudget.HistogramBin::samples).toList());
        counts.add(budget.notReached());
        return counts;
    }

    public CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("smallest eps that breaks the sample (grey levels of 255)").yAxisTitle("samples").build();
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setAvailableSpaceFill(0.9);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        // Two series on the same categories, so the last bar has a colour and a legend entry of its own:
        // XChart may skip crowded axis labels, and "not broken" must read as such without one.
        List<Integer> counts = counts();
        List<Integer> broken = new ArrayList<>(counts);
        broken.set(broken.size() - 1, 0);
        List<Integer> notBroken = new ArrayList<>(java.util.Collections.nCopies(counts.size(), 0));
        notBroken.set(notBroken.size() - 1, budget.notReached());
        chart.addSeries("broken at this eps", labels(), broken).setFillColor(new Color(0xC6, 0x28, 0x28));
        chart.addSeries(String.format(Locale.ROOT, "not broken up to %.1f/255", budget.maxEps() * 255), labels(), notBroken)
                .setFillColor(new Color(0x9E, 0x9E, 0x9E));
        return chart;
    }

    public byte[] png() {
        return Png.of(chart(), "the critical-budget histogram " + title);
    }
}
