package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.attack.AttackSpec;
import io.robustgate.metric.Summary;
import java.util.Comparator;
import java.util.List;

/**
 * Everything one attack on one held-out set produced: settings, per-sample and aggregate figures
 * (clean, attacked and the drop, each with a bootstrap 95% interval), and timings. Its JSON field
 * names are stable; the Maven plugin and the reports read them.
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
        @JsonIgnore List<SampleArtifacts> worstArtifacts) {

    public RobustnessResult {
        samples = samples == null ? List.of() : List.copyOf(samples);
        worstArtifacts = worstArtifacts == null ? List.of() : List.copyOf(worstArtifacts);
    }

    /** The {@code n} samples with the lowest attacked Dice, worst first. */
    public List<SampleResult> worstSamples(int n) {
        return samples.stream()
                .sorted(Comparator.comparingDouble(SampleResult::adversarialDice))
                .limit(n)
                .toList();
    }

    public String displayName() {
        return attack.displayName();
    }
}
