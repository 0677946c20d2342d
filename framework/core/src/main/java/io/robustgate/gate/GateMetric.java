package io.robustgate.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.robustgate.evaluation.CriticalBudget;
import io.robustgate.evaluation.DiceCurve;
import io.robustgate.evaluation.PromptRobustness;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.SegmentationMetrics;
import io.robustgate.metric.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A figure of a result that a limit can bound. Each registered {@link SegmentationMetric} gives
 * two: its attacked mean ({@code DICE}, {@code HD95}) and how much the attack worsened it
 * ({@code DICE_DROP}, {@code HD95_INCREASE}). The analyses give four more: means over images of the
 * worst-prompt Dice and of the spread across prompts (a set read with {@code prompt=all}), and the
 * single figures of the critical-budget search (median critical eps) and the Dice-against-eps curve
 * (its area). Names, labels, limit names and ranges all come from the metric, so a new metric is
 * gated by every front-end without any of them naming it.
 */
public final class GateMetric {

    public static final GateMetric DICE = attacked(SegmentationMetrics.DICE);
    public static final GateMetric IOU = attacked(SegmentationMetrics.IOU);
    /** Clean minus attacked: negative when the attack helped, so its range reaches −1. */
    public static final GateMetric DICE_DROP = worsening(SegmentationMetrics.DICE);
    public static final GateMetric IOU_DROP = worsening(SegmentationMetrics.IOU);
    public static final GateMetric WORST_PROMPT_DICE = new GateMetric("WORST_PROMPT_DICE", "worst-prompt Dice",
            "WorstPromptDice", false, 0, 1, null,
            r -> r.promptRobustness().map(PromptRobustness::worstPromptDice), null, GateMetric::promptsMissing, null);
    public static final GateMetric PROMPT_SPREAD = new GateMetric("PROMPT_SPREAD", "prompt spread", "PromptSpread", true, 0,
            1, null, r -> r.promptRobustness().map(PromptRobustness::promptSpread), null, GateMetric::promptsMissing, null);
    public static final GateMetric MEDIAN_CRITICAL_EPS = new GateMetric("MEDIAN_CRITICAL_EPS", "median critical eps",
            "MedianCriticalEps", false, 0, 1, null, r -> Optional.empty(),
            r -> r.criticalBudget().map(c -> (double) c.medianCriticalEps()).orElse(Double.NaN),
            r -> r.criticalBudget().isPresent() ? Optional.empty()
                    : Optional.of("it has no critical-budget search: give the attack criticalDice or criticalFraction"), null);
    public static final GateMetric CURVE_AREA = new GateMetric("CURVE_AREA", "curve area", "CurveArea", false, 0, 1, null,
            r -> Optional.empty(), r -> r.curve().map(DiceCurve::area).orElse(Double.NaN),
            r -> r.curve().isPresent() ? Optional.empty()
                    : Optional.of("it has no Dice-against-eps curve: give the attack curvePoints"), null);

    private static final List<GateMetric> ALL = all();

    private final String name;
    private final String label;
    private final String limitStem;
    private final boolean lowerIsBetter;
    private final double lowest;
    private final double highest;
    private final SegmentationMetric measured;
    private final Function<RobustnessResult, Optional<Summary>> summary;
    /** The value of a single figure (no mean, no interval); null for means. */
    private final Function<RobustnessResult, Double> single;
    private final Function<RobustnessResult, Optional<String>> missing;
    /** One sample's value of the figure whose mean this is; null for the analyses' figures. */
    private final Function<SampleResult, Double> perSample;

    private GateMetric(String name, String label, String limitStem, boolean lowerIsBetter, double lowest, double highest,
            SegmentationMetric measured, Function<RobustnessResult, Optional<Summary>> summary,
            Function<RobustnessResult, Double> single, Function<RobustnessResult, Optional<String>> missing,
            Function<SampleResult, Double> perSample) {
        this.name = name;
        this.label = label;
        this.limitStem = limitStem;
        this.lowerIsBetter = lowerIsBetter;
        this.lowest = lowest;
        this.highest = highest;
        this.measured = measured;
        this.summary = summary;
        this.single = single;
        this.missing = missing;
        this.perSample = perSample;
    }

    /** The attacked mean of a metric: {@code DICE}, limits {@code minDice}/{@code maxDice}. */
    private static GateMetric attacked(SegmentationMetric metric) {
        return new GateMetric(metric.gateName(), metric.label(), metric.limitStem(),
                !metric.higherIsBetter(), metric.lowest(), metric.highest(), metric,
                r -> r.figure(metric.attackedField()), null, r -> figureMissing(r, metric, metric.attackedField()),
                sample -> sample.figure(metric, true).orElse(Double.NaN));
    }

    /** How much the attack worsened a metric: {@code DICE_DROP} (clean − attacked), {@code HD95_INCREASE}. */
    private static GateMetric worsening(SegmentationMetric metric) {
        double span = metric.highest() - metric.lowest();
        return new GateMetric(metric.gateName() + "_" + metric.worsening().toUpperCase(Locale.ROOT),
                metric.label() + " " + metric.worsening().toLowerCase(Locale.ROOT), metric.limitStem() + metric.worsening(),
                true, -span, span, metric, r -> r.figure(metric.worseningField()), null,
                r -> figureMissing(r, metric, metric.worseningField()),
                sample -> metric.worsening(sample.figure(metric, false).orElse(Double.NaN),
                        sample.figure(metric, true).orElse(Double.NaN)));
    }

    private static List<GateMetric> all() {
        List<GateMetric> all = new ArrayList<>();
        for (SegmentationMetric metric : SegmentationMetrics.all()) {
            if (metric == SegmentationMetrics.DICE) {
                all.add(DICE);
            } else if (metric == SegmentationMetrics.IOU) {
                all.add(IOU);
            } else {
                all.add(attacked(metric));
            }
        }
        for (SegmentationMetric metric : SegmentationMetrics.all()) {
            if (metric.comparesWithClean()) {
                continue; // its attacked figure is already the change against the clean prediction
            }
            all.add(metric == SegmentationMetrics.DICE ? DICE_DROP
                    : metric == SegmentationMetrics.IOU ? IOU_DROP : worsening(metric));
        }
        all.addAll(List.of(WORST_PROMPT_DICE, PROMPT_SPREAD, MEDIAN_CRITICAL_EPS, CURVE_AREA));
        return List.copyOf(all);
    }

    private static Optional<String> promptsMissing(RobustnessResult result) {
        return result.promptRobustness().isPresent() ? Optional.empty()
                : Optional.of("it has no prompt comparison: read the held-out set with prompt=all, so that every prompt of "
                        + "an image is a sample");
    }

    private static Optional<String> figureMissing(RobustnessResult result, SegmentationMetric metric, String field) {
        return result.figure(field).isPresent() ? Optional.empty()
                : Optional.of("it has no " + metric.label() + " (" + field + "): it was written before RobustGate measured "
                        + metric.label() + "; evaluate again");
    }

    /** Every gate metric: each registered metric attacked, then each one's worsening, then the analyses' figures. */
    public static GateMetric[] values() {
        return ALL.toArray(GateMetric[]::new);
    }

    /** The metric of this {@link #name()}, as an enum's {@code valueOf}: {@code DICE}, {@code HD95_INCREASE}. */
    @JsonCreator
    public static GateMetric valueOf(String name) {
        return ALL.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no gate metric " + name + "; known: " + ALL.stream().map(GateMetric::name).collect(Collectors.joining(", "))));
    }

    /** The stable name results and rules use: {@code DICE}, {@code HD95}, {@code NSD_DROP}. */
    @JsonValue
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The metric behind a mean of per-sample figures; empty for the analyses' figures. */
    public Optional<SegmentationMetric> measured() {
        return Optional.ofNullable(measured);
    }

    /** The least value the figure can take: 0, or −1 for the Dice and IoU drops; −∞ for an unbounded worsening. */
    public double lowest() {
        return lowest;
    }

    /** The greatest value the figure can take: 1 for scores, ∞ for distances. */
    public double highest() {
        return highest;
    }

    /**
     * Why {@code value} cannot be a limit on this metric, to follow the value as written, e.g.
     * {@code "-0.1 is outside [0,1], …"}; empty when it can. One rule for the annotation, the POM and
     * the YAML: a limit outside the figure's range could never fail (a minimum below it) or never
     * pass (a minimum above it), so it is refused rather than read as "not checked" or as a limit.
     */
    public Optional<String> limitProblem(double value) {
        if (value >= lowest && value <= highest && !Double.isInfinite(value)) {
            return Optional.empty();
        }
        return Optional.of("is outside " + range() + ", the range of the " + label
                + (isBudget() ? " (a budget in [0,1] pixel units)" : "") + ": a limit outside it could never fail or never pass");
    }

    private String range() {
        return (lowest == Double.NEGATIVE_INFINITY ? "(−∞" : "[" + number(lowest)) + ","
                + (highest == Double.POSITIVE_INFINITY ? "∞)" : number(highest) + "]");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    public String label() {
        return label;
    }

    public String limitName(boolean minimum) {
        return (minimum ? "min" : "max") + limitStem;
    }

    /** Whether the figure is a budget (shown in grey levels) rather than a score in [0,1]. */
    public boolean isBudget() {
        return this == MEDIAN_CRITICAL_EPS;
    }

    /**
     * One sample's value of the figure this metric means over the set ({@code DICE}: its attacked Dice,
     * {@code DICE_DROP}: clean − attacked); empty for the analyses' figures, which are not means of per-sample
     * values. A sequential gate feeds these to its confidence sequences.
     */
    public Optional<Function<SampleResult, Double>> perSample() {
        return Optional.ofNullable(perSample);
    }

    /** Whether smaller values are better (drops, spreads, distances). */
    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** A value of this metric as messages show it: {@code 0.853}, or a budget as {@code 2.50/255}. */
    public String format(double value) {
        return isBudget() ? String.format(Locale.ROOT, "%.2f/255", value * 255) : String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * The mean and its bootstrap interval behind the value; empty for the single figures (median
     * critical eps, curve area) and where the result lacks the figure or the analysis.
     */
    public Optional<Summary> summary(RobustnessResult result) {
        return summary.apply(result);
    }

    /**
     * Why {@code result} cannot be gated on this metric (the analysis behind it was not run, or the
     * file predates the metric); empty when it can. A gate reports this as a violation: it never
     * passes on a missing figure.
     */
    public Optional<String> missing(RobustnessResult result) {
        return missing.apply(result);
    }

    /**
     * The value gated: the mean, or with {@link GateStatistic#CONFIDENCE_BOUND} the pessimistic end
     * of the 95% interval (lower for scores, upper for drops, spreads and distances), so a small set
     * cannot pass by luck. The single figures are gated as they are. NaN when the result lacks it.
     */
    public double value(RobustnessResult result, GateStatistic statistic) {
        if (single != null) {
            return single.apply(result);
        }
        Optional<Summary> found = summary(result);
        if (found.isEmpty()) {
            return Double.NaN;
        }
        Summary s = found.get();
        if (statistic == GateStatistic.MEAN) {
            return s.mean();
        }
        return lowerIsBetter ? s.ciHigh() : s.ciLow();
    }

    /** What a violation message adds after the figure, in brackets, for the analyses' figures; empty for means of a metric. */
    String context(RobustnessResult result) {
        if (this == WORST_PROMPT_DICE || this == PROMPT_SPREAD) {
            return result.promptRobustness().map(p -> {
                Summary s = summary(result).orElseThrow();
                var widest = p.largestSpread(1).get(0);
                return String.format(Locale.ROOT, "95%% CI %.3f–%.3f over %d images; widest: %s, prompt %s at %.3f, spread %.3f",
                        s.ciLow(), s.ciHigh(), p.images().size(), widest.imageName(), widest.worstPrompt(),
                        widest.worstDice(), widest.spread());
            }).orElse("");
        }
        if (this == MEDIAN_CRITICAL_EPS) {
            return result.criticalBudget().map((CriticalBudget c) -> String.format(Locale.ROOT,
                    "%s%s by bisection to %.2f/255; %d of %d samples not broken up to %s",
                    c.medianIsLowerBound() ? "at least; " : "", c.threshold().describe(), c.step() * 255,
                    c.notReached(), c.samples().size(), format(c.maxEps()))).orElse("");
        }
        if (this == CURVE_AREA) {
            return result.curve().map(curve -> {
                var first = curve.points().get(0);
                var last = curve.points().get(curve.points().size() - 1);
                return String.format(Locale.ROOT, "Dice %.3f at eps 0 → %.3f at %.2f/255 over %d points", first.dice(),
                        last.dice(), last.eps() * 255, curve.points().size());
            }).orElse("");
        }
        return "";
    }
}
