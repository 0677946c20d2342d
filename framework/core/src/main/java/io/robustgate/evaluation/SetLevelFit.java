package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.attack.UniversalPerturbation;
import java.util.List;

/**
 * How a set-level attack was fitted, for the results: on another split ({@code fitSplit}) or on the
 * listed samples of the held-out set, which the result then leaves out; the mean fitting loss per
 * epoch; and the fitted perturbation itself (not in the JSON: front-ends write it as a file).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SetLevelFit(String fitSplit, List<String> fittedSamples, List<Double> lossPerEpoch,
        @JsonIgnore UniversalPerturbation perturbation) {

    public SetLevelFit {
        fittedSamples = fittedSamples == null ? List.of() : List.copyOf(fittedSamples);
        lossPerEpoch = lossPerEpoch == null ? List.of() : List.copyOf(lossPerEpoch);
    }
}
