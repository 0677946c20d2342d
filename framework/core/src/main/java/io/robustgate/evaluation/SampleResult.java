package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.SegmentationMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clean and attacked figures of one sample; the perturbation is in [0,1] pixel units.
 *
 * @param figures every registered metric's clean and attacked figure ({@link SegmentationMetrics}),
 *     keyed and serialised as today's fields: {@code cleanDice}, {@code adversarialDice},
 *     {@code cleanHd95}…; a file written before a metric existed simply lacks its two keys
 * @param alarms gradient-masking alarms this sample raised
 * @param wonBy for a composite attack, the member whose image is kept; null otherwise
 * @param memberDice for a composite attack, every member's attacked Dice; empty otherwise (with early
 *     exit, only the members that ran on the sample: those after the one that reached Dice 0 did not)
 * @param gradientPasses forward+backward passes this sample took part in; null where not recorded
 *     (results written before RobustGate counted them, or an attack that was not run per sample)
 */
public record SampleResult(
        String sampleId,
        String imageName,
        String maskName,
        String promptKey,
        String prompt,
        @JsonAnySetter @JsonAnyGetter Map<String, Double> figures,
        double linf,
        double l2,
        double psnr,
        List<MaskingAlarm> alarms,
        String wonBy,
        Map<String, Double> memberDice,
        Integer gradientPasses) {

    public SampleResult {
        figures = canonical(figures);
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
        memberDice = memberDice == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(memberDice));
    }

    /** A sample of a plain attack, with no alarms. */
    public SampleResult(String sampleId, String imageName, String maskName, String promptKey, String prompt,
            double cleanDice, double cleanIou, double adversarialDice, double adversarialIou, double linf, double l2,
            double psnr) {
        this(sampleId, imageName, maskName, promptKey, prompt, overlaps(cleanDice, cleanIou, adversarialDice, adversarialIou),
                linf, l2, psnr, List.of(), null, Map.of(), null);
    }

    /** A sample without a recorded pass count. */
    public SampleResult(String sampleId, String imageName, String maskName, String promptKey, String prompt,
            double cleanDice, double cleanIou, double adversarialDice, double adversarialIou, double linf, double l2,
            double psnr, List<MaskingAlarm> alarms, String wonBy, Map<String, Double> memberDice) {
        this(sampleId, imageName, maskName, promptKey, prompt, overlaps(cleanDice, cleanIou, adversarialDice, adversarialIou),
                linf, l2, psnr, alarms, wonBy, memberDice, null);
    }

    /**
     * The figures in registration order, clean ones first, without keys no registered metric has
     * (so what a file holds beyond the metrics this version knows is not carried along as a figure).
     */
    private static Map<String, Double> canonical(Map<String, Double> figures) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        if (figures != null) {
            for (boolean attacked : new boolean[] {false, true}) {
                for (SegmentationMetric metric : SegmentationMetrics.all()) {
                    String field = attacked ? metric.attackedField() : metric.cleanField();
                    Double value = figures.get(field);
                    if (value != null) {
                        ordered.put(field, value);
                    }
                }
            }
        }
        return java.util.Collections.unmodifiableMap(ordered);
    }

    /** Dice and IoU only: a sample as RobustGate recorded it before boundary metrics. */
    private static Map<String, Double> overlaps(double cleanDice, double cleanIou, double adversarialDice,
            double adversarialIou) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(SegmentationMetrics.DICE.cleanField(), cleanDice);
        figures.put(SegmentationMetrics.IOU.cleanField(), cleanIou);
        figures.put(SegmentationMetrics.DICE.attackedField(), adversarialDice);
        figures.put(SegmentationMetrics.IOU.attackedField(), adversarialIou);
        return figures;
    }

    /** A metric's clean or attacked figure; empty when this sample was recorded without it. */
    public Optional<Double> figure(SegmentationMetric metric, boolean attacked) {
        return Optional.ofNullable(figures.get(attacked ? metric.attackedField() : metric.cleanField()));
    }

    private double required(SegmentationMetric metric, boolean attacked) {
        return figure(metric, attacked).orElseThrow(() -> new IllegalStateException(sampleId + " has no "
                + (attacked ? metric.attackedField() : metric.cleanField())));
    }

    public double cleanDice() {
        return required(SegmentationMetrics.DICE, false);
    }

    public double cleanIou() {
        return required(SegmentationMetrics.IOU, false);
    }

    public double adversarialDice() {
        return required(SegmentationMetrics.DICE, true);
    }

    public double adversarialIou() {
        return required(SegmentationMetrics.IOU, true);
    }

    public double diceDrop() {
        return cleanDice() - adversarialDice();
    }
}
