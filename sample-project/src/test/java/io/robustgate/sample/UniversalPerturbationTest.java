package io.robustgate.sample;

import static io.robustgate.attack.AttackNames.UNIVERSAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;
import java.util.Collections;
import java.util.List;

/**
 * A universal perturbation at 8/255 through the annotation: fitted on half of the first 8 samples
 * (3 epochs, to keep the default build short) and reported on the other half only. The measured
 * table at 4, 8 and 16/255 is {@code BlackBoxAndUniversalBenchmark}'s, in the sample README.
 */
@RobustnessModel("src/test/resources/models/hc18")
@HeldOutSet(value = "src/test/resources/hc18", split = "test", prompt = "p1")
class UniversalPerturbationTest {

    @AdversarialRobustness(attack = UNIVERSAL, eps = 8 / 255f, sampleLimit = 8, options = "epochs=3")
    void oneDeltaFittedOnSomeSamplesIsEvaluatedOnTheOthers(RobustnessResult result) {
        List<String> fitted = result.fit().fittedSamples();
        List<String> evaluated = result.samples().stream().map(SampleResult::sampleId).toList();
        assertEquals(4, fitted.size(), "fitFraction 0.5 of 8");
        assertEquals(4, evaluated.size());
        assertTrue(Collections.disjoint(fitted, evaluated), "fitted " + fitted + ", evaluated " + evaluated);
        assertEquals(3, result.fit().lossPerEpoch().size(), "one fitting loss per epoch");
        assertTrue(result.fit().perturbation().linf() <= 8 / 255f + 1e-7, "‖δ‖∞ within the budget");
        for (SampleResult sample : result.samples()) {
            assertTrue(sample.linf() <= 8 / 255f + 1e-6, sample.imageName());
        }
    }
}
