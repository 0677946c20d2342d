package io.robustgate.evaluation;

import io.robustgate.attack.MaskingAlarm;
import java.util.List;
import java.util.Map;

/**
 * Clean and attacked figures of one sample; the perturbation is in [0,1] pixel units.
 *
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
        double cleanDice,
        double cleanIou,
        double adversarialDice,
        double adversarialIou,
        double linf,
        double l2,
        double psnr,
        List<MaskingAlarm> alarms,
        String wonBy,
        Map<String, Double> memberDice,
        Integer gradientPasses) {

    public SampleResult {
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
        memberDice = memberDice == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(memberDice));
    }

    /** A sample of a plain attack, with no alarms. */
    public SampleResult(String sampleId, String imageName, String maskName, String promptKey, String prompt,
            double cleanDice, double cleanIou, double adversarialDice, double adversarialIou, double linf, double l2,
            double psnr) {
        this(sampleId, imageName, maskName, promptKey, prompt, cleanDice, cleanIou, adversarialDice, adversarialIou, linf,
                l2, psnr, List.of(), null, Map.of(), null);
    }

    /** A sample without a recorded pass count. */
    public SampleResult(String sampleId, String imageName, String maskName, String promptKey, String prompt,
            double cleanDice, double cleanIou, double adversarialDice, double adversarialIou, double linf, double l2,
            double psnr, List<MaskingAlarm> alarms, String wonBy, Map<String, Double> memberDice) {
        this(sampleId, imageName, maskName, promptKey, prompt, cleanDice, cleanIou, adversarialDice, adversarialIou, linf,
                l2, psnr, alarms, wonBy, memberDice, null);
    }

    public double diceDrop() {
        return cleanDice - adversarialDice;
    }
}
