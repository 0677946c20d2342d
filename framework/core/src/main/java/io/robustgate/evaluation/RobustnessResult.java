package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.attack.AttackSpec;
import io.robustgate.metric.Summary;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything one attack on one held-out set produced: settings, per-sample and aggregate figures
 * (clean, attacked and the drop, each with a bootstrap 95% interval), and timings. Its JSON field
 * names are stable; the Maven plugin and the reports read them.
 *
 * @param fit how a set-level attack was fitted; null for per-sample attacks
 * @param analyses what the analyses around the attack found (prompt comparison and transfer,
 *     critical budget, Dice-against-eps curve; docs/results-json.md); null when none ran
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RobustnessResult(
        AttackSpec attack,
        String model,
        String modelDirectory,
        String dataset,
        String datasetRoot,
        String split,
        String prompt,
        String device,
        Summary cleanDice,
        Summary cleanIou,
        Summary adversarialDice,
        Summary adversarialIou,
        Summary diceDrop,
        Summary iouDrop,
        double maxLinf,
        double meanL2,
        double meanPsnr,
        Timings timings,
        List<SampleResult> samples,
        @JsonIgnore List<SampleArtifacts> worstArtifacts,
        List<ResultAlarm> alarms,
        SetLevelFit fit,
        ResultAnalyses analyses) {

    public RobustnessResult {
        samples = samples == null ? List.of() : List.copyOf(samples);
        worstArtifacts = worstArtifacts == null ? List.of() : List.copyOf(worstArtifacts);
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }

    /** A result without analyses beyond the attack (the fields before prompt and budget analyses). */
    public RobustnessResult(AttackSpec attack, String model, String modelDirectory, String dataset, String datasetRoot,
            String split, String prompt, String device, Summary cleanDice, Summary cleanIou, Summary adversarialDice,
            Summary adversarialIou, Summary diceDrop, Summary iouDrop, double maxLinf, double meanL2, double meanPsnr,
            Timings timings, List<SampleResult> samples, List<SampleArtifacts> worstArtifacts, List<ResultAlarm> alarms,
            SetLevelFit fit) {
        this(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, cleanDice, cleanIou,
                adversarialDice, adversarialIou, diceDrop, iouDrop, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, alarms, fit, null);
    }

    /** A result of an attack that was not fitted on a set (the fields before set-level fits). */
    public RobustnessResult(AttackSpec attack, String model, String modelDirectory, String dataset, String datasetRoot,
            String split, String prompt, String device, Summary cleanDice, Summary cleanIou, Summary adversarialDice,
            Summary adversarialIou, Summary diceDrop, Summary iouDrop, double maxLinf, double meanL2, double meanPsnr,
            Timings timings, List<SampleResult> samples, List<SampleArtifacts> worstArtifacts, List<ResultAlarm> alarms) {
        this(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, cleanDice, cleanIou,
                adversarialDice, adversarialIou, diceDrop, iouDrop, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, alarms, null);
    }

    /** A result without alarms. */
    public RobustnessResult(AttackSpec attack, String model, String modelDirectory, String dataset, String datasetRoot,
            String split, String prompt, String device, Summary cleanDice, Summary cleanIou, Summary adversarialDice,
            Summary adversarialIou, Summary diceDrop, Summary iouDrop, double maxLinf, double meanL2, double meanPsnr,
            Timings timings, List<SampleResult> samples, List<SampleArtifacts> worstArtifacts) {
        this(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, cleanDice, cleanIou,
                adversarialDice, adversarialIou, diceDrop, iouDrop, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, List.of());
    }

    /** The same result with {@code extra} alarms added. */
    public RobustnessResult withAlarms(List<ResultAlarm> extra) {
        List<ResultAlarm> all = new java.util.ArrayList<>(alarms);
        all.addAll(extra);
        return new RobustnessResult(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, cleanDice,
                cleanIou, adversarialDice, adversarialIou, diceDrop, iouDrop, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, all, fit, analyses);
    }

    /** The same result with how its set-level attack was fitted. */
    public RobustnessResult withFit(SetLevelFit value) {
        return new RobustnessResult(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, cleanDice,
                cleanIou, adversarialDice, adversarialIou, diceDrop, iouDrop, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, alarms, value, analyses);
    }

    /** The same result with what the analyses beyond the attack found. */
    public RobustnessResult withAnalyses(ResultAnalyses value) {
        return new RobustnessResult(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, cleanDice,
                cleanIou, adversarialDice, adversarialIou, diceDrop, iouDrop, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, alarms, fit, value);
    }

    /** The prompt comparison, if this result has one (a set read with {@code prompt=all}). */
    public Optional<PromptRobustness> promptRobustness() {
        return Optional.ofNullable(analyses).map(ResultAnalyses::prompts);
    }

    /** The critical-budget search, if it was run. */
    public Optional<CriticalBudget> criticalBudget() {
        return Optional.ofNullable(analyses).map(ResultAnalyses::criticalBudget);
    }

    /** The Dice-against-eps curve, if it was run. */
    public Optional<DiceCurve> curve() {
        return Optional.ofNullable(analyses).map(ResultAnalyses::curve);
    }

    /**
     * The same result over other samples, with their aggregates, alarms and timings: how merged
     * shards become one result ({@link SampleAggregates} computes exactly what the evaluator does).
     */
    public RobustnessResult withSamples(List<SampleResult> values, SampleAggregates a, List<ResultAlarm> newAlarms,
            Timings newTimings) {
        return new RobustnessResult(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device,
                a.cleanDice(), a.cleanIou(), a.adversarialDice(), a.adversarialIou(), a.diceDrop(), a.iouDrop(),
                a.maxLinf(), a.meanL2(), a.meanPsnr(), newTimings, values, List.of(), newAlarms, fit);
    }

    /** The {@code n} samples with the lowest attacked Dice, worst first. */
    public List<SampleResult> worstSamples(int n) {
        return samples.stream()
                .sorted(Comparator.comparingDouble(SampleResult::adversarialDice))
                .limit(n)
                .toList();
    }

    /** Gradient passes of all samples together (each sample's {@link SampleResult#gradientPasses()}; 0 where not recorded). */
    public long gradientPasses() {
        return samples.stream().mapToLong(s -> s.gradientPasses() == null ? 0 : s.gradientPasses()).sum();
    }

    public String displayName() {
        return attack.displayName();
    }
}
