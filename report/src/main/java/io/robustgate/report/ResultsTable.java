package io.robustgate.report;

import io.robustgate.attack.MaskingAlarm;
import io.robustgate.attack.EpsFormat;
import io.robustgate.evaluation.CriticalBudget;
import io.robustgate.evaluation.DiceCurve;
import io.robustgate.evaluation.ImagePrompts;
import io.robustgate.evaluation.PromptRobustness;
import io.robustgate.evaluation.PromptScore;
import io.robustgate.evaluation.ResultAlarm;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.SegmentationMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Results as small texts for attachments and logs: a one-line headline, a Markdown summary with
 * one row per attack, and a CSV with one row per sample of one result.
 */
public final class ResultsTable {

    private ResultsTable() {}

    /**
     * E.g. {@code PGD eps=2/255 steps=40: Dice 0.913 → 0.612 (95% CI 0.580–0.640), IoU 0.84 → 0.47,
     * HD95 3.16 → 9.85, NSD 0.912 → 0.455, n=48}.
     */
    public static String headline(RobustnessResult result) {
        String others = otherMetrics(result);
        return String.format(Locale.ROOT, "%s: Dice %.3f → %.3f (95%% CI %.3f–%.3f), IoU %.3f → %.3f%s%s, n=%d",
                result.displayName(), result.cleanDice().mean(), result.adversarialDice().mean(),
                result.adversarialDice().ciLow(), result.adversarialDice().ciHigh(), result.cleanIou().mean(),
                result.adversarialIou().mean(), others.isEmpty() ? "" : ", " + others, passes(result),
                result.adversarialDice().n());
    }

    /**
     * The registered metrics beyond Dice and IoU that the result has, clean → attacked means:
     * {@code HD95 3.16 → 9.85, NSD 0.912 → 0.455}; empty when it has none (a file written before them).
     * Distances get two decimals, scores three.
     */
    public static String otherMetrics(RobustnessResult result) {
        List<String> parts = new java.util.ArrayList<>();
        for (SegmentationMetric metric : SegmentationMetrics.all()) {
            if (metric == SegmentationMetrics.DICE || metric == SegmentationMetrics.IOU) {
                continue;
            }
            var clean = result.figure(metric.cleanField());
            var attacked = result.figure(metric.attackedField());
            if (metric.comparesWithClean() && attacked.isPresent()) {
                parts.add(String.format(Locale.ROOT, "%s %.3f", metric.label(), attacked.get().mean())); // 0 when clean
            } else if (clean.isPresent() && attacked.isPresent()) {
                String format = metric.highest() == Double.POSITIVE_INFINITY ? "%s %.2f → %.2f" : "%s %.3f → %.3f";
                parts.add(String.format(Locale.ROOT, format, metric.label(), clean.get().mean(), attacked.get().mean()));
            }
        }
        return String.join(", ", parts);
    }

    /** {@code , 23.5 gradient passes per sample (4 of 6 stopped at Dice 0)}; empty where passes were not recorded. */
    private static String passes(RobustnessResult result) {
        if (result.samples().isEmpty() || result.samples().stream().anyMatch(s -> s.gradientPasses() == null)) {
            return "";
        }
        long atFloor = result.samples().stream().filter(s -> s.adversarialDice() == 0).count();
        return String.format(Locale.ROOT, ", %.1f gradient passes per sample%s", result.gradientPasses()
                / (double) result.samples().size(), atFloor == 0 ? "" : " (" + atFloor + " of " + result.samples().size()
                + " at Dice 0)");
    }

    /**
     * The analyses' figures in one line, e.g. {@code worst-prompt Dice 0.368, prompt spread 0.037 over
     * 6 images; median critical eps 1.50/255 (Dice < 0.50 × clean); curve area 0.512}; empty without any.
     */
    public static String analysesHeadline(RobustnessResult result) {
        List<String> parts = new ArrayList<>();
        result.promptRobustness().ifPresent(p -> parts.add(String.format(Locale.ROOT,
                "worst-prompt Dice %.3f, prompt spread %.3f over %d images%s", p.worstPromptDice().mean(),
                p.promptSpread().mean(), p.images().size(), p.meanTransferredDice() == null ? ""
                        : String.format(Locale.ROOT, " (transfer: own %.3f, other prompts %.3f)", p.meanOwnPromptDice(),
                                p.meanTransferredDice()))));
        result.criticalBudget().ifPresent(c -> parts.add(String.format(Locale.ROOT, "median critical eps %s%.2f/255 (%s)",
                c.medianIsLowerBound() ? "≥ " : "", c.medianCriticalEps() * 255, c.threshold().describe())));
        result.curve().ifPresent(c -> parts.add(String.format(Locale.ROOT, "curve area %.3f", c.area())));
        return String.join("; ", parts);
    }

    public static String markdown(List<RobustnessResult> results) {
        StringBuilder table = new StringBuilder()
                .append("| attack | n | clean Dice | attacked Dice (95% CI) | Dice drop | clean IoU | attacked IoU | max L∞ | mean PSNR | alarms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RobustnessResult r : results) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f (%.3f–%.3f) | %.3f | %.3f | %.3f | %.4f | %.1f | %s |%n",
                    r.displayName(), r.adversarialDice().n(), r.cleanDice().mean(), r.adversarialDice().mean(),
                    r.adversarialDice().ciLow(), r.adversarialDice().ciHigh(), r.diceDrop().mean(),
                    r.cleanIou().mean(), r.adversarialIou().mean(), r.maxLinf(), r.meanPsnr(), alarmCell(r)));
        }
        return table.toString();
    }

    /**
     * For a composite attack, one row per member: on how many samples it gave the kept (lowest-Dice)
     * image and its own mean attacked Dice. Empty for other attacks.
     */
    public static String membersMarkdown(RobustnessResult result) {
        List<MemberRow> members = members(result);
        if (members.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("| member | won on | own mean Dice |\n|---|---:|---:|\n");
        members.forEach(m -> table.append(String.format(Locale.ROOT, "| %s | %d of %d | %.3f |%n", m.member(), m.wins(),
                m.samples(), m.meanDice())));
        return table.toString();
    }

    /** A composite attack's member: on how many of the samples it gave the kept image, and its own mean attacked Dice. */
    public record MemberRow(String member, int wins, int samples, double meanDice) {}

    /** The members of a composite attack, in the order they ran; empty for other attacks. */
    public static List<MemberRow> members(RobustnessResult result) {
        Map<String, List<Double>> dice = new LinkedHashMap<>();
        Map<String, Integer> wins = new LinkedHashMap<>();
        for (SampleResult sample : result.samples()) {
            sample.memberDice().forEach((member, value) -> dice.computeIfAbsent(member, m -> new ArrayList<>()).add(value));
            if (sample.wonBy() != null) {
                wins.merge(sample.wonBy(), 1, Integer::sum);
            }
        }
        List<MemberRow> rows = new ArrayList<>();
        dice.forEach((member, values) -> rows.add(new MemberRow(member, wins.getOrDefault(member, 0),
                result.samples().size(), values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))));
        return rows;
    }

    /**
     * The prompt comparison of a result read with {@code prompt=all}: the means over images, then
     * one row per image (largest spread first) with each prompt's clean → attacked Dice, the worst
     * prompt and the spread; with transfer measured, each image's own-prompt and transferred Dice;
     * last, what each prompt key says. Empty without a prompt comparison.
     */
    public static String promptsMarkdown(RobustnessResult result) {
        if (result.promptRobustness().isEmpty()) {
            return "";
        }
        PromptRobustness prompts = result.promptRobustness().get();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Over %d images: worst-prompt Dice %.3f (95%% CI %.3f–%.3f), prompt spread %.3f (95%% CI %.3f–%.3f)",
                prompts.images().size(), prompts.worstPromptDice().mean(), prompts.worstPromptDice().ciLow(),
                prompts.worstPromptDice().ciHigh(), prompts.promptSpread().mean(), prompts.promptSpread().ciLow(),
                prompts.promptSpread().ciHigh()));
        boolean transfer = prompts.meanTransferredDice() != null;
        if (transfer) {
            text.append(String.format(Locale.ROOT, "; transfer across prompts: own-prompt Dice %.3f, transferred %.3f",
                    prompts.meanOwnPromptDice(), prompts.meanTransferredDice()));
        }
        text.append(".\n\n");
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        prompts.images().forEach(image -> image.prompts().forEach(
                p -> keys.computeIfAbsent(p.promptKey(), k -> new LinkedHashSet<>()).add(p.prompt())));
        text.append("| image | ").append(String.join(" | ", keys.keySet())).append(" | worst prompt | spread |")
                .append(transfer ? " own-prompt Dice | transferred Dice |" : "").append('\n');
        text.append("|---|").append("---:|".repeat(keys.size() + 2)).append(transfer ? "---:|---:|" : "").append('\n');
        for (ImagePrompts image : prompts.largestSpread(prompts.images().size())) {
            Map<String, PromptScore> byKey = new LinkedHashMap<>();
            image.prompts().forEach(p -> byKey.put(p.promptKey(), p));
            text.append("| ").append(image.imageName()).append(" |");
            for (String key : keys.keySet()) {
                PromptScore score = byKey.get(key);
                text.append(score == null ? " — |" : String.format(Locale.ROOT, " %.3f → %.3f |", score.cleanDice(),
                        score.adversarialDice()));
            }
            text.append(String.format(Locale.ROOT, " %s (%.3f) | %.3f |", image.worstPrompt(), image.worstDice(),
                    image.spread()));
            if (transfer) {
                text.append(String.format(Locale.ROOT, " %.3f | %.3f |", image.ownPromptDice(), image.transferredDice()));
            }
            text.append('\n');
        }
        text.append('\n');
        // A key may name different texts on different images (an annotation file's choice).
        keys.forEach((key, texts) -> text.append("- `").append(key).append("`: ").append(String.join(" / ", texts))
                .append('\n'));
        return text.toString();
    }

    /** The critical-budget search: its settings, the median and one line per histogram bar. Empty without one. */
    public static String criticalBudgetMarkdown(RobustnessResult result) {
        if (result.criticalBudget().isEmpty()) {
            return "";
        }
        CriticalBudget budget = result.criticalBudget().get();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Critical eps of %s (%s), bisection on a grid of %.2f/255 up to %s: median %s%.2f/255 over %d samples"
                        + " (%d not broken up to %s).%n%n| critical eps | samples |%n|---:|---:|%n",
                result.attack().label(), budget.threshold().describe(), budget.step() * 255,
                EpsFormat.format(budget.maxEps()), budget.medianIsLowerBound() ? "≥ " : "",
                budget.medianCriticalEps() * 255, budget.samples().size(), budget.notReached(),
                EpsFormat.format(budget.maxEps())));
        for (CriticalBudget.HistogramBin bin : budget.histogram()) {
            text.append(String.format(Locale.ROOT, "| %.2f/255 | %d |%n", bin.eps() * 255, bin.samples()));
        }
        text.append(String.format(Locale.ROOT, "| > %s | %d |%n", EpsFormat.format(budget.maxEps()), budget.notReached()));
        return text.toString();
    }

    /** The Dice-against-eps curve as a table, with its normalised area. Empty without one. */
    public static String curveMarkdown(RobustnessResult result) {
        if (result.curve().isEmpty()) {
            return "";
        }
        DiceCurve curve = result.curve().get();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Dice against eps for %s: normalised area %.3f.%n%n| eps | mean Dice (95%% CI) |%n|---:|---:|%n",
                result.attack().label(), curve.area()));
        for (DiceCurve.Point point : curve.points()) {
            text.append(String.format(Locale.ROOT, "| %.2f/255 | %.3f (%.3f–%.3f) |%n", point.eps() * 255, point.dice(),
                    point.ciLow(), point.ciHigh()));
        }
        return text.toString();
    }

    /** One line per gradient-masking alarm of the result; empty when there is none. */
    public static String alarmsMarkdown(RobustnessResult result) {
        StringBuilder lines = new StringBuilder();
        for (ResultAlarm alarm : result.alarms()) {
            lines.append("- **").append(alarm.kind()).append("**: ").append(alarm.message()).append('\n');
        }
        return lines.toString();
    }

    public static String samplesCsv(RobustnessResult result) {
        StringBuilder csv = new StringBuilder(
                "image,mask,prompt_key,prompt,clean_dice,attacked_dice,dice_drop,clean_iou,attacked_iou,linf,l2,psnr,alarms,won_by\n");
        for (SampleResult s : result.samples()) {
            csv.append(String.join(",", quoted(s.imageName()), quoted(s.maskName()), quoted(s.promptKey()),
                    quoted(s.prompt()), number(s.cleanDice()), number(s.adversarialDice()), number(s.diceDrop()),
                    number(s.cleanIou()), number(s.adversarialIou()), number(s.linf()), number(s.l2()),
                    number(s.psnr()), quoted(s.alarms().stream().map(Enum::name).collect(Collectors.joining(" "))),
                    quoted(s.wonBy()))).append('\n');
        }
        return csv.toString();
    }

    /**
     * {@code none}, or each alarm kind with the most samples any of its alarms names:
     * {@code LOSS_NOT_RISING (3)}; the alarms' messages carry the details.
     */
    public static String alarmCell(RobustnessResult result) {
        if (result.alarms().isEmpty()) {
            return "none";
        }
        Map<MaskingAlarm, Integer> samples = new java.util.EnumMap<>(MaskingAlarm.class);
        result.alarms().forEach(a -> samples.merge(a.kind(), a.samples(), Math::max));
        return samples.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.5f", value) : Double.toString(value);
    }

    /** RFC 4180 quoting: prompts may contain commas and quotes. */
    private static String quoted(String value) {
        return "\"" + (value == null ? "" : value.replace("\"", "\"\"")) + "\"";
    }
}
