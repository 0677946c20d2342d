package io.robustgate.sample;

import static io.robustgate.attack.AttackNames.SQUARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;

/**
 * The black-box Square attack through the annotation, by name, on the first 4 samples with 100
 * queries so the default build stays short; 1000 queries against PGD-40 is
 * {@code BlackBoxAndUniversalBenchmark}'s, in the sample README.
 */
@RobustnessModel("src/test/resources/models/hc18")
@HeldOutSet(value = "src/test/resources/hc18", split = "test", prompt = "p1")
class SquareAttackTest {

    @AdversarialRobustness(attack = SQUARE, eps = 4 / 255f, sampleLimit = 4, options = "queries=100")
    void squareStaysWithinItsBudget(RobustnessResult result) {
        assertEquals(4, result.samples().size());
        assertEquals(100, result.attack().intOption("queries"));
        for (SampleResult sample : result.samples()) {
            assertTrue(sample.linf() <= 4 / 255f + 1e-6, sample.imageName() + " L∞ " + sample.linf());
        }
    }
}
