package io.robustgate.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.SegmentationMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a results file must hold before {@code check}, {@code report} or the shard merge may use
 * it: a schema version this RobustGate reads, the fields a gate reads, and every figure in its
 * range. Checked on the JSON itself rather than on the bound records, because a record reads an
 * absent per-sample Dice as 0.0 and an absent summary as null (a {@code NullPointerException} deep
 * in a gate), and neither may pass or crash a gate silently.
 *
 * <p>NaN is accepted only where RobustGate writes it: the figures of a summary over no samples
 * ({@code n} 0) and their mean PSNR. PSNR may be {@code Infinity} (an unchanged image).
 */
final class ResultsSchema {

    /** The versions this RobustGate reads (docs/results-json.md). */
    static final int OLDEST_VERSION = 1;

    /**
     * Each registered metric's summaries (clean, attacked, worsening) and per-sample figures, with
     * their ranges. Dice and IoU are required: every RobustGate version wrote them. A metric added
     * later is checked where a file has it; a file written before it simply lacks it.
     */
    private static final List<Figure> SUMMARIES = new ArrayList<>();
    private static final List<Figure> SAMPLE_SCORES = new ArrayList<>();

    static {
        for (SegmentationMetric metric : SegmentationMetrics.all()) {
            boolean required = metric == SegmentationMetrics.DICE || metric == SegmentationMetrics.IOU;
            String what = article(metric.label()) + " " + metric.label();
            Figure clean = new Figure(metric.cleanField(), what, metric.lowest(), metric.highest(), required);
            Figure attacked = new Figure(metric.attackedField(), what, metric.lowest(), metric.highest(), required);
            double span = metric.highest() - metric.lowest();
            Figure worsening = new Figure(metric.worseningField(), article(metric.label()) + " " + metric.label() + " "
                    + metric.worsening().toLowerCase(Locale.ROOT) + " (" + (metric.higherIsBetter() ? "clean − attacked "
                    : "attacked − clean ") + metric.label() + ")", -span, span, required);
            SUMMARIES.addAll(List.of(clean, attacked, worsening));
            SAMPLE_SCORES.addAll(List.of(clean, attacked));
        }
    }

    /** "a Dice", "an IoU", "an HD95": an acronym read letter by letter takes "an" before a vowel sound. */
    private static String article(String label) {
        boolean acronym = label.length() > 1 && Character.isUpperCase(label.charAt(1));
        char first = Character.toUpperCase(label.charAt(0));
        boolean vowelSound = "AEIOU".indexOf(first) >= 0 || (acronym && "FHLMNRSX".indexOf(first) >= 0);
        return vowelSound ? "an" : "a";
    }

    private record Figure(String field, String what, double low, double high, boolean required) {

        Figure(String field, String what, double low, double high) {
            this(field, what, low, high, false);
        }
    }

    private final Path file;

    private ResultsSchema(Path file) {
        this.file = file;
    }

    /** @throws ResultsFileException naming the file and the first field that is missing or impossible */
    static void check(Path file, JsonNode root) {
        new ResultsSchema(file).document(root);
    }

    private void document(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw problem("not a RobustGate results file: expected a JSON object with schemaVersion and results");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw problem("schemaVersion is missing: not a RobustGate results file (they start with \"schemaVersion\": "
                    + ResultsDocument.SCHEMA_VERSION + ")");
        }
        if (!version.canConvertToInt() || !version.isIntegralNumber() || version.intValue() < OLDEST_VERSION
                || version.intValue() > ResultsDocument.SCHEMA_VERSION) {
            throw problem("schemaVersion " + version.asText() + " is not one this RobustGate reads (" + OLDEST_VERSION
                    + " to " + ResultsDocument.SCHEMA_VERSION + "): written by a newer RobustGate, or not a results"
                    + " file; read it with the version that wrote it");
        }
        JsonNode results = root.get("results");
        if (results == null || !results.isArray()) {
            throw problem("results is missing: expected a list of results, one per attack and budget");
        }
        for (int i = 0; i < results.size(); i++) {
            result("results[" + i + "]", results.get(i));
        }
        JsonNode shard = root.get("shard");
        if (shard != null && !shard.isNull()) {
            shard(shard);
        }
    }

    private void result(String path, JsonNode result) {
        requireObject(path, result);
        attack(path + ".attack", result.get("attack"));
        int n = -1;
        String counted = null;
        for (Figure figure : SUMMARIES) {
            String where = path + "." + figure.field();
            JsonNode summary = result.get(figure.field());
            if (summary == null || summary.isNull()) {
                if (!figure.required()) {
                    continue;
                }
                throw problem(where + " is missing: every result needs cleanDice, cleanIou, adversarialDice,"
                        + " adversarialIou, diceDrop and iouDrop");
            }
            int count = summary(where, summary, figure);
            if (n < 0) {
                n = count;
                counted = figure.field();
            } else if (count != n) {
                throw problem(where + ".n is " + count + ", but " + path + "." + counted + ".n is " + n
                        + ": every figure of a result counts the same samples");
            }
        }
        JsonNode samples = result.get("samples");
        if (samples == null || !samples.isArray()) {
            throw problem(path + ".samples is missing: expected the per-sample figures (a list, empty if none)");
        }
        // A file may list fewer samples than its figures count (shortened by hand, as docs/results-json.md's
        // example), never more: more samples than n means the aggregates do not describe them.
        if (samples.size() > n) {
            throw problem(path + ".samples lists " + samples.size() + " samples, but its figures count n = " + n);
        }
        for (int s = 0; s < samples.size(); s++) {
            sample(path + ".samples[" + s + "]", samples.get(s));
        }
        nonNegative(path + ".maxLinf", result.get("maxLinf"), false);
        nonNegative(path + ".meanL2", result.get("meanL2"), false);
        JsonNode psnr = result.get("meanPsnr");
        if (psnr != null && !psnr.isNull()) {
            double value = number(path + ".meanPsnr", psnr);
            if (Double.isNaN(value) ? n > 0 : value < 0) {
                throw problem(path + ".meanPsnr is " + psnr.asText() + ", but a PSNR of [0,1] images is at least 0"
                        + " (Infinity when unchanged; NaN only without samples)");
            }
        }
        analyses(path + ".analyses", result.get("analyses"));
        JsonNode sequential = result.get("sequential");
        if (sequential != null && !sequential.isNull()) {
            sequential(path + ".sequential", sequential, n);
        }
    }

    /**
     * A sequential evaluation's record (docs/sequential.md): it counts the images its figures count, stopped only when
     * allowed (every limit decided, one missed, or the set exhausted), and each decision is what its bounds show, so a
     * hand-edited MET cannot pass a gate.
     */
    private void sequential(String path, JsonNode record, int n) {
        requireObject(path, record);
        int attacked = wholeNumber(path + ".imagesAttacked", required(path, record, "imagesAttacked"));
        int total = wholeNumber(path + ".imagesTotal", required(path, record, "imagesTotal"));
        if (attacked < 1 || attacked > total) {
            throw problem(path + ".imagesAttacked is " + attacked + ", but it lies between 1 and imagesTotal " + total);
        }
        if (attacked != n) {
            throw problem(path + ".imagesAttacked is " + attacked + ", but the result's figures count n = " + n
                    + ": they must be the figures of the images attacked");
        }
        JsonNode exhaustedNode = required(path, record, "exhausted");
        if (!exhaustedNode.isBoolean() || exhaustedNode.asBoolean() != (attacked == total)) {
            throw problem(path + ".exhausted is " + exhaustedNode.asText() + ", but " + attacked + " of " + total
                    + " images were attacked");
        }
        double alpha = number(path + ".alpha", required(path, record, "alpha"));
        if (!(alpha > 0 && alpha < 1)) {
            throw problem(path + ".alpha is " + alpha + ", but an error level lies in (0, 1)");
        }
        JsonNode limits = required(path, record, "limits");
        if (!limits.isArray() || limits.isEmpty()) {
            throw problem(path + ".limits is missing: a sequential evaluation decides at least one limit");
        }
        boolean anyMissed = false;
        boolean anyUndecided = false;
        for (int i = 0; i < limits.size(); i++) {
            String where = path + ".limits[" + i + "]";
            String decision = decision(where, limits.get(i));
            anyMissed |= decision.equals("MISSED");
            anyUndecided |= decision.equals("UNDECIDED");
        }
        if (attacked < total && anyUndecided && !anyMissed) {
            throw problem(path + " stopped after " + attacked + " of " + total + " images with a limit undecided and none"
                    + " missed: a sequential evaluation stops only once its limits are decided");
        }
    }

    /** One limit's decision, checked against its own bounds; returns the decision. */
    private String decision(String path, JsonNode limit) {
        requireObject(path, limit);
        String side = required(path, limit, "side").asText();
        String decision = required(path, limit, "decision").asText();
        if (!List.of("MINIMUM", "MAXIMUM").contains(side)) {
            throw problem(path + ".side is " + side + ", but a limit is a MINIMUM or a MAXIMUM");
        }
        if (!List.of("MET", "MISSED", "UNDECIDED").contains(decision)) {
            throw problem(path + ".decision is " + decision + ", but it is MET, MISSED or UNDECIDED");
        }
        double value = number(path + ".limit", required(path, limit, "limit"));
        double lower = number(path + ".lower", required(path, limit, "lower"));
        double upper = number(path + ".upper", required(path, limit, "upper"));
        double mean = number(path + ".mean", required(path, limit, "mean"));
        if (!(lower <= upper) || !Double.isFinite(value)) {
            throw problem(path + ": lower " + format(lower) + " and upper " + format(upper) + " are not an interval");
        }
        boolean minimum = side.equals("MINIMUM");
        boolean exact = required(path, limit, "exact").asBoolean();
        boolean consistent = switch (decision) {
            case "MET" -> exact ? (minimum ? mean >= value : mean <= value) : (minimum ? lower > value : upper < value);
            case "MISSED" -> exact ? (minimum ? mean < value : mean > value) : (minimum ? upper < value : lower > value);
            default -> !exact && lower <= value && upper >= value;
        };
        if (!consistent) {
            throw problem(path + ".decision " + decision + " does not follow from " + (exact ? "the mean " + format(mean)
                    : "the bounds " + format(lower) + "–" + format(upper)) + " and the " + side.toLowerCase(Locale.ROOT)
                    + " " + format(value));
        }
        return decision;
    }

    private int wholeNumber(String path, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw problem(path + " is " + node.asText() + ", but it is a whole number");
        }
        return node.intValue();
    }

    private void attack(String path, JsonNode attack) {
        if (attack == null || !attack.isObject()) {
            throw problem(path + " is missing: every result names its attack (name, eps, options)");
        }
        JsonNode name = attack.has("name") ? attack.get("name") : attack.get("type");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw problem(path + ".name is missing: the attack's registered name, e.g. \"PGD\"");
        }
        JsonNode eps = attack.get("eps");
        if (eps == null || eps.isNull()) {
            throw problem(path + ".eps is missing: the attack's budget in [0,1] pixel units");
        }
        double value = number(path + ".eps", eps);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw problem(path + ".eps is " + eps.asText() + ", but a budget is a finite number of at least 0");
        }
    }

    /** @return the summary's {@code n} */
    private int summary(String path, JsonNode summary, Figure figure) {
        requireObject(path, summary);
        JsonNode count = summary.get("n");
        if (count == null || count.isNull()) {
            throw problem(path + ".n is missing: the number of samples behind the figure");
        }
        if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0) {
            throw problem(path + ".n is " + count.asText() + ", but a number of samples is a whole number of at least 0");
        }
        int n = count.intValue();
        for (String field : List.of("mean", "ciLow", "ciHigh")) {
            inRange(path + "." + field, required(path, summary, field), figure, n == 0);
        }
        JsonNode std = required(path, summary, "std");
        double spread = number(path + ".std", std);
        if (Double.isNaN(spread) ? n > 0 : !(spread >= 0 && spread <= figure.high() - figure.low())) {
            throw problem(path + ".std is " + std.asText() + ", but the standard deviation of " + figure.what()
                    + " lies in [0," + format(figure.high() - figure.low()) + "]" + (n > 0 ? "" : " (or NaN without samples)"));
        }
        double low = number(path + ".ciLow", summary.get("ciLow"));
        double high = number(path + ".ciHigh", summary.get("ciHigh"));
        if (low > high) {
            throw problem(path + ".ciLow " + format(low) + " is above ciHigh " + format(high)
                    + ": the ends of the 95% interval are swapped");
        }
        return n;
    }

    private void sample(String path, JsonNode sample) {
        requireObject(path, sample);
        for (Figure figure : SAMPLE_SCORES) {
            JsonNode value = sample.get(figure.field());
            if (figure.required() || (value != null && !value.isNull())) {
                inRange(path + "." + figure.field(), required(path, sample, figure.field()), figure, false);
            }
        }
        nonNegative(path + ".linf", required(path, sample, "linf"), true);
        nonNegative(path + ".l2", required(path, sample, "l2"), true);
        JsonNode psnr = sample.get("psnr");
        if (psnr != null && !psnr.isNull()) {
            double value = number(path + ".psnr", psnr);
            if (!(value >= 0)) {
                throw problem(path + ".psnr is " + psnr.asText() + ", but a PSNR of [0,1] images is at least 0"
                        + " (Infinity when unchanged)");
            }
        }
        JsonNode passes = sample.get("gradientPasses");
        if (passes != null && !passes.isNull() && !(passes.canConvertToInt() && passes.isIntegralNumber() && passes.asInt() >= 0)) {
            throw problem(path + ".gradientPasses is " + passes.asText() + ", but a count of passes is a whole number ≥ 0");
        }
        JsonNode members = sample.get("memberDice");
        if (members != null && members.isObject()) {
            members.fields().forEachRemaining(member -> inRange(path + ".memberDice." + member.getKey(), member.getValue(),
                    SAMPLE_SCORES.get(2), false));
        }
    }

    /** The figures a gate reads from the analyses: worst-prompt Dice, prompt spread, median critical eps, curve area. */
    private void analyses(String path, JsonNode analyses) {
        if (analyses == null || analyses.isNull()) {
            return;
        }
        JsonNode prompts = analyses.get("prompts");
        if (prompts != null && !prompts.isNull()) {
            for (Figure figure : List.of(new Figure("worstPromptDice", "a Dice", 0, 1),
                    new Figure("promptSpread", "a spread of Dice (max − min)", 0, 1))) {
                JsonNode summary = prompts.get(figure.field());
                if (summary != null && !summary.isNull()) {
                    summary(path + ".prompts." + figure.field(), summary, figure);
                }
            }
        }
        JsonNode critical = analyses.get("criticalBudget");
        if (critical != null && !critical.isNull() && critical.has("medianCriticalEps")) {
            inRange(path + ".criticalBudget.medianCriticalEps", critical.get("medianCriticalEps"),
                    new Figure("medianCriticalEps", "a budget in pixel units", 0, 1), true);
        }
        JsonNode curve = analyses.get("curve");
        if (curve != null && !curve.isNull() && curve.has("area")) {
            inRange(path + ".curve.area", curve.get("area"), new Figure("area", "a curve area (mean Dice)", 0, 1), true);
        }
    }

    private void shard(JsonNode shard) {
        requireObject("shard", shard);
        int index = shard.path("index").asInt(0);
        int total = shard.path("total").asInt(0);
        if (total < 1 || index < 1 || index > total) {
            throw problem("shard is " + shard.path("index").asText() + "/" + shard.path("total").asText()
                    + ", but a shard K/N has 1 <= K <= N");
        }
        if (shard.path("blockSize").asInt(0) < 1) {
            throw problem("shard.blockSize is " + shard.path("blockSize").asText() + ", but a block holds at least 1 sample");
        }
    }

    private void inRange(String path, JsonNode node, Figure figure, boolean nanAllowed) {
        double value = number(path, node);
        if (Double.isNaN(value) ? !nanAllowed : !(value >= figure.low() && value <= figure.high() && !Double.isInfinite(value))) {
            throw problem(path + " is " + node.asText() + ", but " + figure.what() + " lies in [" + format(figure.low())
                    + "," + format(figure.high()) + "]" + (nanAllowed ? " (or is NaN without samples)" : ""));
        }
    }

    private void nonNegative(String path, JsonNode node, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw problem(path + " is missing");
            }
            return;
        }
        double value = number(path, node);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw problem(path + " is " + node.asText() + ", but the size of a perturbation is a finite number of at least 0");
        }
    }

    private JsonNode required(String path, JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw problem(path + "." + field + " is missing");
        }
        return value;
    }

    /** A number as RobustGate writes it: a JSON number, or the strings NaN and Infinity. */
    private double number(String path, JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
                return Double.parseDouble(text);
            }
        }
        throw problem(path + " is " + node + ", which is not a number");
    }

    private void requireObject(String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw problem(path + " is " + (node == null ? "missing" : node.getNodeType().name().toLowerCase(Locale.ROOT))
                    + ": expected an object");
        }
    }

    private static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "−∞";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private ResultsFileException problem(String message) {
        return new ResultsFileException(file, message);
    }
}
