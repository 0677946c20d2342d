package io.robustgate.evaluation;

import io.robustgate.attack.AttackOutcome;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.data.PreparedSample;
import io.robustgate.metric.MaskPair;
import io.robustgate.metric.PerturbationSize;
import io.robustgate.metric.SegmentationMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores one attacked sample: every registered metric of its attacked prediction beside the clean
 * one, the perturbation's size, its alarms, and the pictures a report may keep.
 */
final class SampleScoring {

    /** A sample's figures and, for the report, its pictures. */
    record Scored(SampleResult result, SampleArtifacts artifacts) {}

    private SampleScoring() {}

    /**
     * @param b the sample's place in its batch (for the outcome's winners and member Dice)
     * @param cleanIndex its place in the clean pass
     */
    static Scored score(PreparedSample prepared, float[] attacked, boolean[] prediction, CleanPass cleanPass, int cleanIndex,
            Set<MaskingAlarm> alarms, AttackOutcome outcome, int b, int passes, float eps) {
        Map<String, Double> figures = new LinkedHashMap<>(cleanPass.figures().get(cleanIndex));
        figures.putAll(SegmentationMetrics.compute(masks(prepared, prediction).attackedFrom(cleanPass.predictions().get(cleanIndex)), true));
        PerturbationSize delta = PerturbationSize.between(prepared.pixels(), attacked);
        if (eps == 0) {
            alarms.remove(MaskingAlarm.LOSS_NOT_RISING); // nothing can rise in a ball of radius 0
        }
        SampleResult result = new SampleResult(prepared.sample().id(), prepared.sample().imageName(),
                prepared.sample().maskName(), prepared.sample().promptKey(), prepared.sample().prompt(), figures,
                delta.linf(), delta.l2(), delta.psnr(), List.copyOf(alarms),
                outcome.winners().isEmpty() ? null : outcome.winners().get(b),
                outcome.memberDice().isEmpty() ? Map.of() : outcome.memberDice().get(b), passes);
        SampleArtifacts artifacts = new SampleArtifacts(prepared.sample(), prepared.channels(), prepared.height(),
                prepared.width(), prepared.pixels(), attacked, prepared.mask(), cleanPass.predictions().get(cleanIndex),
                prediction, cleanPass.overlaps().get(cleanIndex).dice(), result.adversarialDice());
        return new Scored(result, artifacts);
    }

    /**
     * A prediction against its sample's true mask, for the metrics: distances in millimetres when
     * the held-out set gives a pixel spacing, in pixels of the model's input otherwise.
     */
    static MaskPair masks(PreparedSample prepared, boolean[] prediction) {
        if (prepared.spacing() == null) {
            return MaskPair.inPixels(prediction, prepared.mask(), prepared.height(), prepared.width());
        }
        return new MaskPair(prediction, prepared.mask(), prepared.height(), prepared.width(), prepared.spacing().rows(),
                prepared.spacing().columns());
    }
}
