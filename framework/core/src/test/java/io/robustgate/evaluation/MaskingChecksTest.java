package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RobustnessGate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingChecksTest {

    private static final CleanPass DETERMINISTIC = new CleanPass(List.of(), List.of(), List.of(), 0, 0);

    @Test
    void aWeakerAttackBelowAStrongerOneAtTheSameBudgetIsAnAlarm() {
        RobustnessResult fgsm = Results.of(AttackSpec.fgsm(2 / 255f), new double[] {0.9, 0.9, 0.9}, new double[] {0.3, 0.6, 0.5});
        RobustnessResult pgd = Results.of(AttackSpec.pgd(2 / 255f), new double[] {0.9, 0.9, 0.9}, new double[] {0.4, 0.2, 0.1});
        List<ResultAlarm> alarms = MaskingChecks.weakerBeatsStronger(pgd, List.of(fgsm));
        assertEquals(1, alarms.size());
        assertEquals(MaskingAlarm.WEAKER_ATTACK_STRONGER, alarms.get(0).kind());
        assertEquals(1, alarms.get(0).samples());
        assertTrue(alarms.get(0).message().contains("FGSM eps=2/255 left 1 of 3 samples below PGD eps=2/255 steps=40"),
                alarms.get(0).message());
        assertTrue(alarms.get(0).message().contains("000_HC.png 0.300 < 0.400"), alarms.get(0).message());
    }

    @Test
    void theBlackBoxSquareAttackBelowAWhiteBoxOneSuggestsGradientMasking() {
        AttackSpec square = AttackSpec.of(AttackNames.SQUARE, 4 / 255f, Map.of());
        RobustnessResult blackBox = Results.of(square, new double[] {0.9, 0.9}, new double[] {0.2, 0.5});
        RobustnessResult apgd = Results.of(AttackSpec.of(AttackNames.APGD, 4 / 255f, Map.of()), new double[] {0.9, 0.9},
                new double[] {0.4, 0.1});
        List<ResultAlarm> alarms = MaskingChecks.weakerBeatsStronger(blackBox, List.of(apgd));
        assertEquals(1, alarms.size());
        assertEquals(MaskingAlarm.WEAKER_ATTACK_STRONGER, alarms.get(0).kind());
        assertTrue(alarms.get(0).message().startsWith("gradient masking suspected"), alarms.get(0).message());
        assertTrue(alarms.get(0).message().contains("SQUARE eps=4/255 queries=1000 left 1 of 2 samples below APGD"),
                alarms.get(0).message());
        RobustnessResult fgsm = Results.of(AttackSpec.fgsm(4 / 255f), new double[] {0.9, 0.9}, new double[] {0.8, 0.8});
        assertEquals(List.of(), MaskingChecks.weakerBeatsStronger(blackBox, List.of(fgsm)),
                "Square ranks with one-step FGSM: beating it says nothing about gradients");
    }

    @Test
    void differentBudgetsOrEqualStrengthsAreNotCompared() {
        RobustnessResult fgsm = Results.of(AttackSpec.fgsm(1 / 255f), new double[] {0.9}, new double[] {0.1});
        RobustnessResult pgd = Results.of(AttackSpec.pgd(2 / 255f), new double[] {0.9}, new double[] {0.5});
        assertEquals(List.of(), MaskingChecks.weakerBeatsStronger(pgd, List.of(fgsm)));
        RobustnessResult samePgd = Results.of(AttackSpec.pgd(2 / 255f), new double[] {0.9}, new double[] {0.5});
        RobustnessResult apgd = Results.of(AttackSpec.of(AttackNames.APGD, 2 / 255f, Map.of()), new double[] {0.9},
                new double[] {0.6});
        assertEquals(List.of(), MaskingChecks.weakerBeatsStronger(apgd, List.of(samePgd)), "PGD and APGD rank equal");
        RobustnessResult fgsmDiceBce = Results.of(AttackSpec.fgsm(2 / 255f).withLoss(io.robustgate.attack.AttackLoss.DICE_BCE),
                new double[] {0.9}, new double[] {0.1});
        assertEquals(List.of(), MaskingChecks.weakerBeatsStronger(samePgd, List.of(fgsmDiceBce)),
                "attacks on other losses may win on other samples");
    }

    @Test
    void sampleAlarmsAreCountedPerKindAndARandomModelIsNamed() {
        SampleResult zero = new SampleResult("a", "a.png", "a_m.png", "p1", "head", 0.9, 0.8, 0.9, 0.8, 0, 0, 1,
                List.of(MaskingAlarm.ZERO_GRADIENT), null, Map.of());
        SampleResult fine = new SampleResult("b", "b.png", "b_m.png", "p1", "head", 0.9, 0.8, 0.2, 0.1, 0, 0, 1);
        List<ResultAlarm> alarms = MaskingChecks.of(List.of(zero, fine), new CleanPass(List.of(), List.of(), List.of(), 0, 0.3));
        assertEquals(List.of(MaskingAlarm.RANDOM_OUTPUT, MaskingAlarm.ZERO_GRADIENT), alarms.stream().map(ResultAlarm::kind).toList());
        assertEquals("zero input gradient on 1 of 2 samples (a.png)", alarms.get(1).message());
        assertTrue(alarms.get(0).message().contains("eval mode"), alarms.get(0).message());
        assertEquals(List.of(), MaskingChecks.of(List.of(fine), DETERMINISTIC));
    }

    @Test
    void theGateFailsOnAlarmsOnlyWhenAsked() {
        RobustnessResult result = Results.uniform(AttackSpec.pgd(2 / 255f), 4, 0.9, 0.85)
                .withAlarms(List.of(new ResultAlarm(MaskingAlarm.LOSS_NOT_RISING, 4, List.of("000_HC.png"),
                        "attack loss did not rise over its first steps on 4 of 4 samples (000_HC.png)")));
        List<Limit> limits = List.of(Limit.minimum(GateMetric.DICE, 0.8));
        assertEquals(List.of(), new RobustnessGate(limits, GateStatistic.MEAN).check(result));
        var violations = new RobustnessGate(limits, GateStatistic.MEAN, true).check(result);
        assertEquals(1, violations.size());
        assertEquals("PGD eps=2/255 steps=40: gradient masking suspected: attack loss did not rise over its first steps on "
                + "4 of 4 samples (000_HC.png)", violations.get(0).message());
    }
}
