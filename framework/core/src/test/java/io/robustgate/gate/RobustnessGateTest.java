package io.robustgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.Results;
import io.robustgate.evaluation.RobustnessResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustnessGateTest {

    private static final RobustnessResult RESULT = Results.of(AttackSpec.pgd(2 / 255f),
            new double[] {0.92, 0.90, 0.91, 0.93}, new double[] {0.04, 0.80, 0.75, 0.85});

    @Test
    void passingLimitsGiveNoViolation() {
        RobustnessGate gate = new RobustnessGate(List.of(Limit.minimum(GateMetric.DICE, 0.5), Limit.maximum(GateMetric.DICE_DROP, 0.5)),
                GateStatistic.MEAN);
        assertEquals(List.of(), gate.check(RESULT));
    }

    @Test
    void violationMessageCarriesEveryNumberThatMatters() {
        List<GateViolation> violations = new RobustnessGate(List.of(Limit.minimum(GateMetric.DICE, 0.80)), GateStatistic.MEAN)
                .check(RESULT);
        assertEquals(1, violations.size());
        String message = violations.get(0).message();
        assertTrue(message.startsWith("PGD eps=2/255 steps=40: Dice 0.610 < minDice 0.800 (clean 0.915, drop 0.305; 95% CI "),
                message);
        assertTrue(message.endsWith("; worst: 000_HC.png 0.040)"), message);
        assertEquals(0.61, violations.get(0).actual(), 1e-9);
    }

    @Test
    void everyFailedLimitIsReported() {
        RobustnessGate gate = new RobustnessGate(List.of(Limit.minimum(GateMetric.DICE, 0.8), Limit.minimum(GateMetric.IOU, 0.7),
                Limit.maximum(GateMetric.DICE_DROP, 0.1), Limit.maximum(GateMetric.IOU_DROP, 0.1)), GateStatistic.MEAN);
        List<GateViolation> violations = gate.check(RESULT);
        assertEquals(4, violations.size());
        assertTrue(violations.get(2).message().contains("Dice drop 0.305 > maxDiceDrop 0.100"), violations.get(2).message());
        assertTrue(violations.get(1).message().contains("< minIoU 0.700"), violations.get(1).message());
    }

    @Test
    void confidenceBoundIsStricterThanTheMean() {
        Limit limit = Limit.minimum(GateMetric.DICE, 0.55);
        assertEquals(List.of(), new RobustnessGate(List.of(limit), GateStatistic.MEAN).check(RESULT));
        List<GateViolation> strict = new RobustnessGate(List.of(limit), GateStatistic.CONFIDENCE_BOUND).check(RESULT);
        assertEquals(1, strict.size(), "the interval's lower end of four spread samples is below 0.55");
        assertEquals(RESULT.adversarialDice().ciLow(), strict.get(0).actual(), 1e-12);
        assertTrue(strict.get(0).message().contains("Dice (95% CI bound)"), strict.get(0).message());
        double dropBound = GateMetric.DICE_DROP.value(RESULT, GateStatistic.CONFIDENCE_BOUND);
        assertEquals(RESULT.diceDrop().ciHigh(), dropBound, 1e-12, "for drops the pessimistic end is the upper one");
    }
}
