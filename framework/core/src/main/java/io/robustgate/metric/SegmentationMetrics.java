package io.robustgate.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics every evaluation measures, in the order results and tables list them. Registering
 * a metric here is all it takes for results to hold it, for gates to bound it from the annotation,
 * the POM and the YAML, and for the report to show it.
 */
public final class SegmentationMetrics {

    public static final SegmentationMetric DICE = new DiceMetric();
    public static final SegmentationMetric IOU = new IouMetric();

    private static final List<SegmentationMetric> ALL = List.of(DICE, IOU, new Hd95Metric(), new NsdMetric(),
            new PredictedAreaMetric(), new VanishedMetric(), new FalsePositiveAreaMetric());

    private SegmentationMetrics() {}

    public static List<SegmentationMetric> all() {
        return ALL;
    }

    /** The metric with this {@link SegmentationMetric#key()}. */
    public static Optional<SegmentationMetric> byKey(String key) {
        return ALL.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /**
     * Every metric's figure for one sample, keyed by {@code prefix + key} ({@code cleanDice},
     * {@code adversarialHd95}), in registration order.
     */
    public static Map<String, Double> compute(MaskPair masks, boolean attacked) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (SegmentationMetric metric : ALL) {
            figures.put(attacked ? metric.attackedField() : metric.cleanField(), metric.compute(masks));
        }
        return figures;
    }
}
