package io.robustgate.report;

import io.robustgate.results.ResultsDocument;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.robustgate.evaluation.RobustnessResult;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Attacked Dice per build, kept in {@code robustness-trend.json} beside the dashboard (the report
 * folder survives between builds, as Allure's {@code history/} does): what a pass count hides, a
 * model that still passes but by less each release.
 *
 * @param builds oldest first; each maps {@code model / data: attack} to its mean attacked Dice
 */
public record DashboardTrend(List<Build> builds) {

    public static final String FILE = "robustness-trend.json";
    /** Builds kept; older ones fall off. */
    public static final int KEPT_BUILDS = 20;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public record Build(String label, Map<String, Double> attackedDice) {}

    public DashboardTrend {
        builds = builds == null ? List.of() : List.copyOf(builds);
    }

    /** The kept trend, or none when the file does not exist yet. */
    public static DashboardTrend read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new DashboardTrend(List.of());
        }
        try {
            return JSON.readValue(file.toFile(), DashboardTrend.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a RobustGate trend file: " + e.getMessage(), e);
        }
    }

    /** This trend with one more build, made of {@code documents}' results, keeping the last {@link #KEPT_BUILDS}. */
    public DashboardTrend plus(String label, List<ResultsDocument> documents) {
        Map<String, Double> dice = new LinkedHashMap<>();
        for (ResultsDocument document : documents) {
            for (RobustnessResult result : document.results()) {
                dice.put(series(result), result.adversarialDice().mean());
            }
        }
        List<Build> all = new ArrayList<>(builds);
        all.add(new Build(label, dice));
        return new DashboardTrend(all.subList(Math.max(0, all.size() - KEPT_BUILDS), all.size()));
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trend to " + file, e);
        }
    }

    /** A line per attack across builds; empty until there are two builds to compare. */
    public Optional<byte[]> png() {
        if (builds.size() < 2) {
            return Optional.empty();
        }
        XYChart chart = new XYChartBuilder().width(DashboardChart.WIDTH).height(DashboardChart.HEIGHT)
                .title("Attacked Dice per build").xAxisTitle("build (oldest first)").yAxisTitle("mean attacked Dice").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.00")
                .setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setChartBackgroundColor(Color.WHITE);
        Set<String> names = new LinkedHashSet<>();
        builds.forEach(b -> names.addAll(b.attackedDice().keySet()));
        for (String name : names) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < builds.size(); i++) {
                Double value = builds.get(i).attackedDice().get(name);
                if (value != null && Double.isFinite(value)) {
                    x.add(i + 1.0);
                    y.add(value);
                }
            }
            if (!x.isEmpty()) {
                XYSeries series = chart.addSeries(name, x, y);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return Optional.of(Png.of(chart, "the trend chart"));
    }

    static String series(RobustnessResult result) {
        return result.model() + " / " + result.dataset() + ": " + result.displayName();
    }
}
