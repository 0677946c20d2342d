package io.robustgate.gate;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.metric.Summary;

/** A figure of a result that a limit can bound. */
public enum GateMetric {
    DICE("Dice", "minDice", "maxDice", false),
    IOU("IoU", "minIoU", "maxIoU", false),
    DICE_DROP("Dice drop", "minDiceDrop", "maxDiceDrop", true),
    IOU_DROP("IoU drop", "minIoUDrop", "maxIoUDrop", true);

    private final String label;
    private final String minimumName;
    private final String maximumName;
    private final boolean lowerIsBetter;

    GateMetric(String label, String minimumName, String maximumName, boolean lowerIsBetter) {
        this.label = label;
        this.minimumName = minimumName;
        this.maximumName = maximumName;
        this.lowerIsBetter = lowerIsBetter;
    }

    public String label() {
        return label;
    }

    public String limitName(boolean minimum) {
        return minimum ? minimumName : maximumName;
    }

    public Summary summary(RobustnessResult result) {
        return switch (this) {
            case DICE -> result.adversarialDice();
            case IOU -> result.adversarialIou();
            case DICE_DROP -> result.diceDrop();
            case IOU_DROP -> result.iouDrop();
        };
    }

    /**
     * The value gated: the mean, or with {@link GateStatistic#CONFIDENCE_BOUND} the pessimistic end
     * of the 95% interval (lower for scores, upper for drops), so a small set cannot pass by luck.
     */
    public double value(RobustnessResult result, GateStatistic statistic) {
        Summary summary = summary(result);
        if (statistic == GateStatistic.MEAN) {
            return summary.mean();
        }
        return lowerIsBetter ? summary.ciHigh() : summary.ciLow();
    }
}
