package io.robustgate.evaluation;

/**
 * One sample's critical budget.
 *
 * @param thresholdDice the Dice below which this sample counts as broken
 * @param criticalEps the smallest budget on the search grid at which the attack took its Dice below
 *     the threshold (0 when the clean Dice already was); null when even the largest budget did not
 */
public record SampleCriticalEps(String sampleId, String imageName, String promptKey, double cleanDice,
        double thresholdDice, Float criticalEps) {}
