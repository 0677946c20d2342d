package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import java.util.List;
import java.util.Locale;

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
                .append("| attack | n | clean Dice | attacked Dice (95% CI) | Dice drop | clean IoU | attacked IoU | max L∞ | mean PSNR |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RobustnessResult r : results) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f (%.3f–%.3f) | %.3f | %.3f | %.3f | %.4f | %.1f |%n",
                    r.displayName(), r.adversarialDice().n(), r.cleanDice().mean(), r.adversarialDice().mean(),
                    r.adversarialDice().ciLow(), r.adversarialDice().ciHigh(), r.diceDrop().mean(),
                    r.cleanIou().mean(), r.adversarialIou().mean(), r.maxLinf(), r.meanPsnr()));
        }
        return table.toString();
    }

    public static String samplesCsv(RobustnessResult result) {
        StringBuilder csv = new StringBuilder(
                "image,mask,prompt_key,prompt,clean_dice,attacked_dice,dice_drop,clean_iou,attacked_iou,linf,l2,psnr\n");
        for (SampleResult s : result.samples()) {
            csv.append(String.join(",", quoted(s.imageName()), quoted(s.maskName()), quoted(s.promptKey()),
                    quoted(s.prompt()), number(s.cleanDice()), number(s.adversarialDice()), number(s.diceDrop()),
                    number(s.cleanIou()), number(s.adversarialIou()), number(s.linf()), number(s.l2()),
                    number(s.psnr()))).append('\n');
        }
        return csv.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.5f", value) : Double.toString(value);
    }

    /** RFC 4180 quoting: prompts may contain commas and quotes. */
    private static String quoted(String value) {
        return "\"" + (value == null ? "" : value.replace("\"", "\"\"")) + "\"";
    }
}
