package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.sequential.SequentialRecord;
import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.SegmentationMetrics;
import io.robustgate.metric.Summary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything one attack on one held-out set produced: settings, per-sample and aggregate figures
 * (clean, attacked and the drop, each with a bootstrap 95% interval), and timings. Its JSON field
 * names are stable; the Maven plugin and the reports read them.
 *
 * @param figures each registered metric's clean and attacked mean and its worsening, with intervals
 *     ({@link SampleAggregates}), keyed and serialised as today's fields: {@code cleanDice},
 *     {@code adversarialDice}, {@code diceDrop}, {@code cleanHd95}, {@code hd95Increase}…
 * @param distanceUnit the unit of the boundary metrics (HD95, NSD's tolerance): {@code mm} when
 *     the held-out set gives pixel spacings, {@code px} otherwise; null in files written before them
 * @param fit how a set-level attack was fitted; null for per-sample attacks
 * @param analyses what the analyses around the attack found (prompt comparison and transfer,
 *     critical budget, Dice-against-eps curve; docs/results-json.md); null when none ran
 * @param sequential how a sequential evaluation decided its limits (docs/sequential.md): then
 *     {@code samples} and the figures are those of the images attacked before it stopped, all of them
 *     when it was {@linkplain SequentialRecord#exhausted() exhausted}; null for a full run
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
        @JsonAnySetter @JsonAnyGetter Map<String, Summary> figures,
        double maxLinf,
        double meanL2,
        double meanPsnr,
        Timings timings,
        List<SampleResult> samples,
        @JsonIgnore List<SampleArtifacts> worstArtifacts,
        List<ResultAlarm> alarms,
        SetLevelFit fit,
        ResultAnalyses analyses,
        String distanceUnit,
        SequentialRecord sequential) {

    public RobustnessResult {
        figures = canonical(figures);
        samples = samples == null ? List.of() : List.copyOf(samples);
        worstArtifacts = worstArtifacts == null ? List.of() : List.copyOf(worstArtifacts);
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }

    /** A result without analyses beyond the attack (the fields before prompt and budget analyses), Dice and IoU only. */
    public RobustnessResult(AttackSpec attack, String model, String modelDirectory, String dataset, String datasetRoot,
            String split, String prompt, String device, Summary cleanDice, Summary cleanIou, Summary adversarialDice,
            Summary adversarialIou, Summary diceDrop, Summary iouDrop, double maxLinf, double meanL2, double meanPsnr,
            Timings timings, List<SampleResult> samples, List<SampleArtifacts> worstArtifacts, List<ResultAlarm> alarms,
            SetLevelFit fit) {
        this(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device,
                overlaps(cleanDice, cleanIou, adversarialDice, adversarialIou, diceDrop, iouDrop), maxLinf, meanL2, meanPsnr,
                timings, samples, worstArtifacts, alarms, fit, null, null, null);
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
        return new RobustnessResult(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, figures, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, all, fit, analyses, distanceUnit, sequential);
    }

    /** The same result with how its set-level attack was fitted. */
    public RobustnessResult withFit(SetLevelFit value) {
        return new RobustnessResult(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, figures, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, alarms, value, analyses, distanceUnit, sequential);
    }

    /** The same result with what the analyses beyond the attack found. */
    public RobustnessResult withAnalyses(ResultAnalyses value) {
        return new RobustnessResult(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, figures, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, alarms, fit, value, distanceUnit, sequential);
    }

    /** The same result with how its sequential evaluation decided. */
    public RobustnessResult withSequential(SequentialRecord value) {
        return new RobustnessResult(attack, model, modelDirectory, dataset, datasetRoot, split, prompt, device, figures, maxLinf, meanL2, meanPsnr, timings, samples,
                worstArtifacts, alarms, fit, analyses, distanceUnit, value);
    }

    /** How its sequential evaluation decided; empty for a full run. */
    public Optional<SequentialRecord> sequentialRecord() {
        return Optional.ofNullable(sequential);
    }

    /** Whether a sequential evaluation stopped before every image was attacked: its figures are a subset's. */
    @JsonIgnore
    public boolean stoppedEarly() {
        return sequential != null && !sequential.exhausted();
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
                a.figures(), a.maxLinf(), a.meanL2(), a.meanPsnr(), newTimings, values, List.of(), newAlarms, fit, null, distanceUnit, sequential);
    }

    /** The registered metrics' fields in order: clean, attacked, worsening of each metric. */
    private static Map<String, Summary> canonical(Map<String, Summary> figures) {
        Map<String, Summary> ordered = new LinkedHashMap<>();
        if (figures != null) {
            for (SegmentationMetric metric : SegmentationMetrics.all()) {
                for (String field : List.of(metric.cleanField(), metric.attackedField(), metric.worseningField())) {
                    Summary value = figures.get(field);
                    if (value != null) {
                        ordered.put(field, value);
                    }
                }
            }
        }
        return java.util.Collections.unmodifiableMap(ordered);
    }

    private static Map<String, Summary> overlaps(Summary cleanDice, Summary cleanIou, Summary adversarialDice,
            Summary adversarialIou, Summary diceDrop, Summary iouDrop) {
        Map<String, Summary> figures = new LinkedHashMap<>();
        figures.put("cleanDice", cleanDice);
        figures.put("cleanIou", cleanIou);
        figures.put("adversarialDice", adversarialDice);
        figures.put("adversarialIou", adversarialIou);
        figures.put("diceDrop", diceDrop);
        figures.put("iouDrop", iouDrop);
        return figures;
    }

    /** The mean and interval of one figure ({@code cleanHd95}); empty when the file predates its metric. */
    public Optional<Summary> figure(String field) {
        return Optional.ofNullable(figures.get(field));
    }

    private Summary required(String field) {
        return figure(field).orElseThrow(() -> new IllegalStateException(displayName() + " has no " + field));
    }

    public Summary cleanDice() {
        return required("cleanDice");
    }

    public Summary cleanIou() {
        return required("cleanIou");
    }

    public Summary adversarialDice() {
        return required("adversarialDice");
    }

    public Summary adversarialIou() {
        return required("adversarialIou");
    }

    public Summary diceDrop() {
        return required("diceDrop");
    }

    public Summary iouDrop() {
        return required("iouDrop");
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
