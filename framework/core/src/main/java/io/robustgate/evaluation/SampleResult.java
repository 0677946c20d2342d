package io.robustgate.evaluation;

/** Clean and attacked figures of one sample; the perturbation is in [0,1] pixel units. */
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
        double psnr) {

    public double diceDrop() {
        return cleanDice - adversarialDice;
    }
}
