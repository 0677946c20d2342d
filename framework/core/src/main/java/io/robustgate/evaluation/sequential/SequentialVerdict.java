package io.robustgate.evaluation.sequential;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a sequential evaluation's outcome reads, in one place for the console, the gate's messages and the report:
 * {@code decided after 9 of 210 images: Dice ≤ 0.410 with 95% confidence < minDice 0.800}.
 */
public final class SequentialVerdict {

    private SequentialVerdict() {}

    /** The whole outcome on one line: when it stopped and what each limit's sequence showed. */
    public static String headline(SequentialRecord record) {
        List<String> parts = new ArrayList<>();
        for (SequentialRecord.LimitDecision d : record.limits()) {
            parts.add(limit(d, record));
        }
        String when = record.exhausted()
                ? "every image attacked (" + record.imagesAttacked() + " of " + record.imagesTotal() + ", figures as a full run's)"
                : "decided after " + record.imagesAttacked() + " of " + record.imagesTotal() + " images";
        return when + ": " + String.join("; ", parts);
    }

    /**
     * One limit's outcome: {@code Dice ≥ 0.912 with 95% confidence > minDice 0.800} when its sequence decided it,
     * {@code Dice 0.790 ≥ minDice 0.790 over all 210 images} when the exhausted set's mean did, or {@code maxDiceDrop
     * 0.100 undecided (Dice drop in 0.020–0.180 with 95% confidence)}.
     */
    public static String limit(SequentialRecord.LimitDecision d, SequentialRecord record) {
        boolean minimum = d.side() == SequentialLimit.Side.MINIMUM;
        String limit = d.name() + " " + number(d.limit());
        if (d.exact()) {
            boolean met = d.decision() == Decision.MET;
            String relation = minimum ? (met ? "≥" : "<") : (met ? "≤" : ">");
            return String.format(Locale.ROOT, "%s %s %s %s over all %d images", d.label(), number(d.mean()), relation, limit,
                    record.imagesTotal());
        }
        String confidence = confidence(record.alpha());
        return switch (d.decision()) {
            case MET -> minimum
                    ? d.label() + " ≥ " + number(d.lower()) + " with " + confidence + " > " + limit
                    : d.label() + " ≤ " + number(d.upper()) + " with " + confidence + " < " + limit;
            case MISSED -> minimum
                    ? d.label() + " ≤ " + number(d.upper()) + " with " + confidence + " < " + limit
                    : d.label() + " ≥ " + number(d.lower()) + " with " + confidence + " > " + limit;
            case UNDECIDED -> limit + " undecided (" + d.label() + " in " + number(d.lower()) + "–" + number(d.upper())
                    + " with " + confidence + ")";
        };
    }

    /** {@code 95% confidence} for α = 0.05: the family-wise level of all the limits together. */
    static String confidence(double alpha) {
        return percent(alpha) + "% confidence";
    }

    /** The confidence level in percent: {@code 95} for α = 0.05, {@code 97.5} for 0.025. */
    public static String percent(double alpha) {
        double percent = 100 * (1 - alpha);
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.format(Locale.ROOT, "%.3g", percent);
    }

    /** α as written in limits and docs: {@code 0.05}, {@code 0.025}, {@code 0.0167} (three significant digits). */
    public static String alpha(double alpha) {
        return String.format(Locale.ROOT, "%.3g", alpha).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
    }

    /** The limit as a report's heading shows it: {@code minDice ≥ 0.80}. */
    public static String limitHeading(SequentialRecord.LimitDecision d) {
        return String.format(Locale.ROOT, "%s %s %.2f", d.name(), relation(d), d.limit());
    }

    /** {@code ≥} for a minimum, {@code ≤} for a maximum: what passing the limit means. */
    public static String relation(SequentialRecord.LimitDecision d) {
        return d.side() == SequentialLimit.Side.MINIMUM ? "≥" : "≤";
    }

    /** What a limit's bounds are a statement about: {@code the set's mean} or {@code the population's mean}. */
    public static String boundsOn(SequentialRecord.LimitDecision d) {
        return d.sequence() == SequentialLimit.Sequence.IID ? "the population's mean" : "the set's mean";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
