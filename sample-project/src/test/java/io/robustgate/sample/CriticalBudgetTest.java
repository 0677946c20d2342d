package io.robustgate.sample;

import static io.robustgate.attack.AttackNames.PGD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.CriticalBudget;
import io.robustgate.evaluation.DiceCurve;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleCriticalEps;
import io.robustgate.junit.AdversarialRobustness;
import io.robustgate.junit.HeldOutSet;
import io.robustgate.junit.RobustnessModel;

/**
 * The smallest PGD-10 budget that halves each sample's Dice, by bisection to 0.5/255 up to 4/255
 * (three rounds after the run at 4/255), and the Dice-against-eps curve at 1, 2, 3 and 4/255, on
 * the first 8 samples. Measured (CPU, seed 42): median critical eps 1.75/255, curve area 0.339
 * (Dice 0.799 clean, 0.114 at 4/255). The limits are regression floors below these; the 48-sample
 * figures are {@code PromptAndCriticalBudgetBenchmark}'s, in the sample README.
 */
@RobustnessModel("src/test/resources/models/hc18")
@HeldOutSet(value = "src/test/resources/hc18", split = "test", prompt = "p1")
class CriticalBudgetTest {

    @AdversarialRobustness(attack = PGD, eps = 4 / 255f, steps = 10, sampleLimit = 8, criticalFraction = 0.5,
            curvePoints = 4, minMedianCriticalEps = 1 / 255.0, minCurveArea = 0.25)
    void criticalBudgetAndCurve(RobustnessResult result) {
        CriticalBudget budget = result.criticalBudget().orElseThrow();
        assertEquals(8, budget.samples().size());
        assertEquals(0.5f / 255f, budget.step(), 1e-7f);
        for (SampleCriticalEps sample : budget.samples()) {
            if (sample.criticalEps() != null) {
                float steps = sample.criticalEps() / budget.step();
                assertEquals(Math.round(steps), steps, 1e-3, sample.imageName() + " lies on the grid");
            }
        }
        DiceCurve curve = result.curve().orElseThrow();
        assertEquals(5, curve.points().size(), "eps 0 and four budgets");
        assertTrue(curve.area() <= result.cleanDice().mean() + 1e-9, "the area is at most the clean Dice");
    }
}
