package io.robustgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.AttackNames;
import io.robustgate.evaluation.Results;
import io.robustgate.evaluation.RobustnessResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCheckTest {

    private static final float EPS2 = 2 / 255f;

    private static final GateRule PGD_RULE = new GateRule(AttackNames.PGD, EPS2, List.of(
            Limit.minimum(GateMetric.DICE, 0.80), Limit.maximum(GateMetric.DICE_DROP, 0.10)));

    @Test
    void passingResultGivesNoViolationsAndMeasuredValues() {
        RobustnessResult pgd = Results.uniform(AttackSpec.pgd(EPS2), 6, 0.90, 0.85);

        List<RuleOutcome> outcomes = new RuleCheck(List.of(PGD_RULE), GateStatistic.MEAN).check(List.of(pgd));

        RuleOutcome outcome = outcomes.get(0);
        assertTrue(outcome.passed());
        assertEquals(List.of(pgd), outcome.matched());
        assertEquals(List.of(
                "PGD eps=2/255 steps=40: Dice 0.850 ≥ minDice 0.800 [model test-model, data hc18/test]",
                "PGD eps=2/255 steps=40: Dice drop 0.050 ≤ maxDiceDrop 0.100 [model test-model, data hc18/test]"),
                outcome.measurements());
    }

    @Test
    void violationMessageCarriesTheNumbersAndTheRule() {
        RobustnessResult pgd = Results.of(AttackSpec.pgd(EPS2),
                new double[] {0.92, 0.91, 0.90, 0.93}, new double[] {0.70, 0.60, 0.04, 0.66});

        List<RuleOutcome> outcomes = new RuleCheck(List.of(PGD_RULE), GateStatistic.MEAN).check(List.of(pgd));

        List<GateViolation> violations = RuleCheck.violations(outcomes);
        assertEquals(2, violations.size());
        String dice = violations.get(0).message();
        assertTrue(dice.startsWith("Rule PGD eps=2/255 violated: PGD eps=2/255 steps=40: Dice 0.500 < minDice 0.800 (clean 0.915, drop 0.415; 95% CI "), dice);
        assertTrue(dice.contains("worst: 002_HC.png 0.040"), dice);
        assertTrue(dice.endsWith("[model test-model, data hc18/test]"), dice);
        assertTrue(violations.get(1).message().contains("Dice drop 0.415 > maxDiceDrop 0.100"), violations.get(1).message());
        assertEquals(0.5, violations.get(0).actual(), 1e-9);
        assertEquals(List.of(pgd), outcomes.get(0).failedResults());
    }

    @Test
    void ruleMatchingNoResultIsAViolationThatSaysWhatWasFound() {
        RobustnessResult fgsm = Results.uniform(AttackSpec.fgsm(EPS2), 3, 0.9, 0.85);
        RobustnessResult pgd4 = Results.uniform(AttackSpec.pgd(4 / 255f), 3, 0.9, 0.85);

        List<RuleOutcome> outcomes = new RuleCheck(List.of(PGD_RULE), GateStatistic.MEAN).check(List.of(fgsm, pgd4));

        RuleOutcome outcome = outcomes.get(0);
        assertFalse(outcome.passed());
        assertTrue(outcome.matchedNothing());
        GateViolation violation = outcome.violations().get(0);
        assertNull(violation.limit());
        assertEquals("Rule PGD eps=2/255 matched no result: results exist only for FGSM eps=2/255, PGD eps=4/255; "
                + "run this attack (robustgate:evaluate or an @AdversarialRobustness test) or change the rule",
                violation.message());
    }

    @Test
    void ruleOnEmptyResultsSaysThereAreNone() {
        List<RuleOutcome> outcomes = new RuleCheck(List.of(PGD_RULE), GateStatistic.MEAN).check(List.of());

        assertTrue(outcomes.get(0).violations().get(0).message().contains("there are no results at all"));
    }

    @Test
    void everyMatchingResultIsCheckedAndOnlyTheFailingOneIsBlamed() {
        RobustnessResult good = Results.uniform(AttackSpec.pgd(EPS2), 4, 0.90, 0.85);
        RobustnessResult bad = Results.uniform(AttackSpec.pgd(EPS2).withSteps(100), 4, 0.90, 0.50);

        RuleOutcome outcome = new RuleCheck(List.of(PGD_RULE), GateStatistic.MEAN).check(List.of(good, bad)).get(0);

        assertEquals(2, outcome.matched().size());
        assertEquals(List.of(bad), outcome.failedResults());
        assertTrue(outcome.violations().stream().allMatch(v -> v.message().contains("steps=100")));
        assertTrue(outcome.violationsOf(good).isEmpty());
        assertEquals(outcome.violations(), outcome.violationsOf(bad));
    }

    @Test
    void confidenceBoundGatesOnThePessimisticEndOfTheInterval() {
        // Mean 0.82 passes minDice 0.80, but with this spread the lower 95% bound is below it.
        RobustnessResult spread = Results.of(AttackSpec.pgd(EPS2),
                new double[] {0.9, 0.9, 0.9, 0.9, 0.9}, new double[] {0.99, 0.62, 0.95, 0.64, 0.90});
        GateRule rule = new GateRule(AttackNames.PGD, EPS2, List.of(Limit.minimum(GateMetric.DICE, 0.80)));

        assertTrue(new RuleCheck(List.of(rule), GateStatistic.MEAN).check(List.of(spread)).get(0).passed());
        RuleOutcome bounded = new RuleCheck(List.of(rule), GateStatistic.CONFIDENCE_BOUND).check(List.of(spread)).get(0);
        assertFalse(bounded.passed());
        assertTrue(bounded.violations().get(0).message().contains("Dice (95% CI bound)"), bounded.violations().get(0).message());
        assertTrue(bounded.violations().get(0).actual() < 0.80);
    }

    @Test
    void outcomesFollowTheOrderOfTheRules() {
        GateRule fgsmRule = new GateRule(AttackNames.FGSM, null, List.of(Limit.minimum(GateMetric.IOU, 0.5)));
        RobustnessResult fgsm = Results.uniform(AttackSpec.fgsm(EPS2), 3, 0.9, 0.85);

        List<RuleOutcome> outcomes = new RuleCheck(List.of(fgsmRule, PGD_RULE), GateStatistic.MEAN).check(List.of(fgsm));

        assertEquals(fgsmRule, outcomes.get(0).rule());
        assertTrue(outcomes.get(0).passed());
        assertEquals(PGD_RULE, outcomes.get(1).rule());
        assertFalse(outcomes.get(1).passed());
        assertEquals(1, RuleCheck.violations(outcomes).size());
    }
}
