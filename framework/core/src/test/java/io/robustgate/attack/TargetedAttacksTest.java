package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenBundleTest;
import io.robustgate.data.LesionSurroundings;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.metric.SegmentationMetric;
import io.robustgate.metric.SegmentationMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The targeted attacks on the golden fixture: HALLUCINATE's square lies away from the true mask and
 * the attack creates false-positive area there; VANISH is not stopped at Dice 0, where a prediction
 * that left the mask has not yet vanished; a square that cannot fit gives no target.
 */
class TargetedAttacksTest extends GoldenBundleTest {

    private static SegmentationMetric metric(String key) {
        return SegmentationMetrics.byKey(key).orElseThrow();
    }

    @Test
    void hallucinationTargetLiesAwayFromTheMaskAndFollowsTheSeed() {
        int height = 48;
        int width = 64;
        boolean[] mask = new boolean[height * width];
        for (int y = 10; y < 30; y++) {
            for (int x = 10; x < 30; x++) {
                mask[y * width + x] = true;
            }
        }
        boolean[] away = LesionSurroundings.away(mask, height, width);
        float[] square = HallucinationTarget.square(mask, height, width, 7);
        int inside = 0;
        for (int i = 0; i < square.length; i++) {
            if (square[i] == 1) {
                inside++;
                assertTrue(away[i], "target pixel " + i + " lies within the mask's dilation");
            }
        }
        assertEquals(HallucinationTarget.area(height, width), inside, "a full square of side 15% of 48");
        assertEquals(java.util.Arrays.toString(square), java.util.Arrays.toString(HallucinationTarget.square(mask, height, width, 7)));
        boolean[] full = new boolean[height * width];
        java.util.Arrays.fill(full, true);
        assertNull(HallucinationTarget.square(full, height, width, 7), "no room away from a mask filling the image");
    }

    @Test
    void hallucinateCreatesFalsePositiveAreaWithinTheBudget() {
        float eps = 16 / 255f;
        RobustnessResult result = evaluator.evaluate(AttackSpec.of(AttackNames.HALLUCINATE, eps, Map.of("randomStart", false)));
        int created = 0;
        for (SampleResult sample : result.samples()) {
            assertTrue(sample.linf() <= eps + 1e-6, sample.sampleId() + " L∞ " + sample.linf());
            created += sample.figure(metric("FalsePositiveArea"), true).orElseThrow() > 0 ? 1 : 0;
        }
        assertTrue(created >= 4, "false-positive area created on " + created + " of 6 samples");
    }

    @Test
    void vanishIsNotStoppedAtDiceZero() {
        float eps = 16 / 255f;
        RobustnessResult result = evaluator.evaluate(AttackSpec.of(AttackNames.VANISH, eps, Map.of("randomStart", false)));
        for (SampleResult sample : result.samples()) {
            assertEquals(1.0, sample.figure(metric("Vanished"), true).orElseThrow(), sample.sampleId() + " vanished");
            assertTrue(sample.figure(metric("PredictedArea"), true).orElseThrow()
                    <= 0.01 * sample.figure(metric("PredictedArea"), false).orElseThrow(), sample.sampleId());
            assertEquals(0.0, sample.figure(metric("Vanished"), false).orElseThrow(), "nothing vanishes on the clean image");
        }
    }
}
