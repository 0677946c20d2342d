package io.robustgate.report;

import io.robustgate.attack.MaskingAlarm;
import io.robustgate.evaluation.ResultAlarm;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Results as small texts for attachments and logs: a one-line headline, a Markdown summary with
 * one row per attack, and a CSV with one row per sample of one result.
 */
public final class ResultsTable {

    private ResultsTable() {}

    /** E.g. {@code PGD eps=2/255 steps=40: Dice 0.913 → 0.612 (95% CI 0.580–0.640), IoU 0.84 → 0.47, n=48}. */
    public static String headline(RobustnessResult result) {
        return String.format(Locale.ROOT, "%s: Dice %.3f → %.3f (95%% CI %.3f–%.3f), IoU %.3f → %.3f, n=%d",
                result.displayName(), result.cleanDice().mean(), result.adversarialDice().mean(),
                result.adversarialDice().ciLow(), result.adversarialDice().ciHigh(), result.cleanIou().mean(),
                result.adversarialIou().mean(), result.adversarialDice().n());
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
