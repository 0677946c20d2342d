package io.robustgate.gate;

import io.robustgate.evaluation.CriticalBudget;
import io.robustgate.evaluation.DiceCurve;
import io.robustgate.evaluation.PromptRobustness;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.metric.Summary;
import java.util.Locale;
import java.util.Optional;

/**
 * A figure of a result that a limit can bound. The first four are means over the samples; the
 * prompt figures are means over images (of each image's worst-prompt Dice, of its spread across
 * prompts), from a set read with {@code prompt=all}; the median critical eps and the curve area are
 * single figures of the critical-budget search and the Dice-against-eps curve.
 */
public enum GateMetric {
    DICE("Dice", "minDice", "maxDice", false, 0),
    IOU("IoU", "minIoU", "maxIoU", false, 0),
    /** Clean minus attacked: negative when the attack helped, so its range reaches −1. */
    DICE_DROP("Dice drop", "minDiceDrop", "maxDiceDrop", true, -1),
    IOU_DROP("IoU drop", "minIoUDrop", "maxIoUDrop", true, -1),
    WORST_PROMPT_DICE("worst-prompt Dice", "minWorstPromptDice", "maxWorstPromptDice", false, 0),
    PROMPT_SPREAD("prompt spread", "minPromptSpread", "maxPromptSpread", true, 0),
    MEDIAN_CRITICAL_EPS("median critical eps", "minMedianCriticalEps", "maxMedianCriticalEps", false, 0),
    CURVE_AREA("curve area", "minCurveArea", "maxCurveArea", false, 0);

    private final String label;
    private final String minimumName;
    private final String maximumName;
    private final boolean lowerIsBetter;
    private final double lowest;

    GateMetric(String label, String minimumName, String maximumName, boolean lowerIsBetter, double lowest) {
        this.label = label;
        this.minimumName = minimumName;
        this.maximumName = maximumName;
        this.lowerIsBetter = lowerIsBetter;
        this.lowest = lowest;
    }

    /** The least value the figure can take: 0, or −1 for the drops. Every figure is at most 1. */
    public double lowest() {
        return lowest;
    }

    /**
     * Why {@code value} cannot be a limit on this metric, to follow the value as written, e.g.
     * {@code "-0.1 is outside [0,1], …"}; empty when it can. One rule for the annotation, the POM and
     * the YAML: a limit outside the figure's range could never fail (a minimum below it) or never
     * pass (a minimum above it), so it is refused rather than read as "not checked" or as a limit.
     */
    public Optional<String> limitProblem(double value) {
        if (value >= lowest && value <= 1) {
            return Optional.empty();
        }
        return Optional.of("is outside [" + (lowest == 0 ? "0" : "-1") + ",1], the range of the " + label
                + (isBudget() ? " (a budget in [0,1] pixel units)" : "") + ": a limit outside it could never fail or never pass");
    }

    public String label() {
        return label;
    }

    public String limitName(boolean minimum) {
        return minimum ? minimumName : maximumName;
    }

    /** Whether the figure is a budget (shown in grey levels) rather than a score in [0,1]. */
    public boolean isBudget() {
        return this == MEDIAN_CRITICAL_EPS;
    }

    /** A value of this metric as messages show it: {@code 0.853}, or a budget as {@code 2.50/255}. */
    public String format(double value) {
        return isBudget() ? String.format(Locale.ROOT, "%.2f/255", value * 255) : String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * The mean and its bootstrap interval behind the value; empty for the single figures (median
     * critical eps, curve area) and where the result lacks the analysis.
     */
    public Optional<Summary> summary(RobustnessResult result) {
        return switch (this) {
            case DICE -> Optional.of(result.adversarialDice());
            case IOU -> Optional.of(result.adversarialIou());
            case DICE_DROP -> Optional.of(result.diceDrop());
            case IOU_DROP -> Optional.of(result.iouDrop());
            case WORST_PROMPT_DICE -> result.promptRobustness().map(PromptRobustness::worstPromptDice);
            case PROMPT_SPREAD -> result.promptRobustness().map(PromptRobustness::promptSpread);
            case MEDIAN_CRITICAL_EPS, CURVE_AREA -> Optional.empty();
        };
    }

    /**
     * Why {@code result} cannot be gated on this metric (the analysis behind it was not run);
     * empty when it can. A gate reports this as a violation: it never passes on a missing figure.
     */
    public Optional<String> missing(RobustnessResult result) {
        return switch (this) {
            case DICE, IOU, DICE_DROP, IOU_DROP -> Optional.empty();
            case WORST_PROMPT_DICE, PROMPT_SPREAD -> result.promptRobustness().isPresent() ? Optional.empty()
                    : Optional.of("it has no prompt comparison: read the held-out set with prompt=all, so that every "
                            + "prompt of an image is a sample");
            case MEDIAN_CRITICAL_EPS -> result.criticalBudget().isPresent() ? Optional.empty()
                    : Optional.of("it has no critical-budget search: give the attack criticalDice or criticalFraction");
            case CURVE_AREA -> result.curve().isPresent() ? Optional.empty()
                    : Optional.of("it has no Dice-against-eps curve: give the attack curvePoints");
        };
    }

    /**
     * The value gated: the mean, or with {@link GateStatistic#CONFIDENCE_BOUND} the pessimistic end
     * of the 95% interval (lower for scores, upper for drops and spreads), so a small set cannot
     * pass by luck. The single figures are gated as they are. NaN when the result lacks the analysis.
     */
    public double value(RobustnessResult result, GateStatistic statistic) {
        if (this == MEDIAN_CRITICAL_EPS) {
            return result.criticalBudget().map(c -> (double) c.medianCriticalEps()).orElse(Double.NaN);
        }
        if (this == CURVE_AREA) {
            return result.curve().map(DiceCurve::area).orElse(Double.NaN);
        }
        Optional<Summary> found = summary(result);
        if (found.isEmpty()) {
            return Double.NaN;
        }
        Summary summary = found.get();
        if (statistic == GateStatistic.MEAN) {
            return summary.mean();
        }
        return lowerIsBetter ? summary.ciHigh() : summary.ciLow();
    }

    /** What a violation message adds after the figure, in brackets: its context. */
    String context(RobustnessResult result) {
        return switch (this) {
            case DICE, IOU, DICE_DROP, IOU_DROP -> "";
            case WORST_PROMPT_DICE, PROMPT_SPREAD -> result.promptRobustness().map(p -> {
                Summary summary = summary(result).orElseThrow();
                var widest = p.largestSpread(1).get(0);
                return String.format(Locale.ROOT, "95%% CI %.3f–%.3f over %d images; widest: %s, prompt %s at %.3f, spread %.3f",
                        summary.ciLow(), summary.ciHigh(), p.images().size(), widest.imageName(), widest.worstPrompt(),
                        widest.worstDice(), widest.spread());
            }).orElse("");
            case MEDIAN_CRITICAL_EPS -> result.criticalBudget().map((CriticalBudget c) -> String.format(Locale.ROOT,
                    "%s%s by bisection to %.2f/255; %d of %d samples not broken up to %s",
                    c.medianIsLowerBound() ? "at least; " : "", c.threshold().describe(), c.step() * 255,
                    c.notReached(), c.samples().size(), format(c.maxEps()))).orElse("");
            case CURVE_AREA -> result.curve().map(curve -> {
                var first = curve.points().get(0);
                var last = curve.points().get(curve.points().size() - 1);
                return String.format(Locale.ROOT, "Dice %.3f at eps 0 → %.3f at %.2f/255 over %d points", first.dice(),
                        last.dice(), last.eps() * 255, curve.points().size());
            }).orElse("");
        };
    }
}
