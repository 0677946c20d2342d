package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenBundleTest;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.GateViolation;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RobustnessGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The critical budget and the Dice-against-eps curve on the golden fixture, checked against a
 * fine sweep the evaluator runs independently: bisection to 1/255 up to 8/255 with PGD-5.
 */
class CriticalBudgetSearchTest extends GoldenBundleTest {

    private static final float MAX_EPS = 8 / 255f;
    private static final float STEP = 1 / 255f;
    private static final AttackSpec PGD = AttackSpec.of(AttackNames.PGD, MAX_EPS, Map.of("steps", 5));

    private static List<Float> grid() {
        List<Float> grid = new ArrayList<>();
        for (int k = 1; k <= 8; k++) {
            grid.add(k == 8 ? MAX_EPS : MAX_EPS * k / 8);
        }
        return grid;
    }

    @Test
    void eachBisectionRoundReusesTheCleanPassInsteadOfRunningItAgain() {
        CleanPass whole = evaluator.cleanPass();
        List<String> ids = evaluator.samples().stream().map(p -> p.sample().id()).toList();
        Set<String> odd = java.util.stream.IntStream.range(0, ids.size()).filter(i -> i % 2 == 1).mapToObj(ids::get)
                .collect(Collectors.toSet());
        RobustnessEvaluator some = evaluator.only(sample -> odd.contains(sample.id()));

        CleanPass shared = some.cleanPass();
        assertEquals(0.0, shared.seconds(), "a subset's clean pass is the parent's, not a new pass");
        assertEquals(odd.size(), shared.predictions().size());
        for (int i = 0; i < some.samples().size(); i++) {
            int position = ids.indexOf(some.samples().get(i).sample().id());
            assertEquals(1, position % 2);
            assertArrayEquals(whole.predictions().get(position), shared.predictions().get(i));
            assertEquals(whole.overlaps().get(position), shared.overlaps().get(i));
        }
        RobustnessResult attacked = some.evaluate(AttackSpec.of(AttackNames.PGD, 2 / 255f, Map.of("steps", 2)));
        for (SampleResult sample : attacked.samples()) {
            assertEquals(whole.overlaps().get(ids.indexOf(sample.sampleId())).dice(), sample.cleanDice(), 0.0);
        }
    }

    @Test
    void bisectionAgreesWithTheFirstBreakingBudgetOfAFineSweepWithinOneStep() {
        RobustnessResult result = evaluator.evaluate(PGD,
                Analyses.NONE.withCritical(CriticalThreshold.fractionOfClean(0.5)).withCriticalStep(STEP));
        CriticalBudget budget = result.criticalBudget().orElseThrow();
        assertEquals(STEP, budget.step(), 1e-7f);
        assertEquals(4, budget.rounds(), "the run at 8/255 and log2(8) = 3 bisection rounds");

        List<Float> grid = grid();
        List<RobustnessResult> sweep = evaluator.sweep(PGD, grid);
        int broken = 0;
        for (int i = 0; i < result.samples().size(); i++) {
            double limit = 0.5 * result.samples().get(i).cleanDice();
            Float firstBreaking = null;
            for (int k = 0; k < grid.size() && firstBreaking == null; k++) {
                if (sweep.get(k).samples().get(i).adversarialDice() < limit) {
                    firstBreaking = grid.get(k);
                }
            }
            SampleCriticalEps found = budget.samples().get(i);
            assertEquals(result.samples().get(i).sampleId(), found.sampleId());
            assertEquals(limit, found.thresholdDice(), 1e-12);
            if (firstBreaking == null) {
                assertNull(found.criticalEps(), found.imageName() + ": the sweep never broke it");
            } else {
                broken++;
                assertNotNull(found.criticalEps(), found.imageName() + ": the sweep broke it at " + firstBreaking);
                assertTrue(Math.abs(found.criticalEps() - firstBreaking) <= STEP + 1e-6, found.imageName()
                        + ": bisection " + found.criticalEps() * 255 + "/255, sweep " + firstBreaking * 255 + "/255");
            }
        }
        assertTrue(broken >= 4, "PGD-5 at 8/255 halves the Dice of most fixture samples; broke " + broken);
        assertEquals(result.samples().size(), budget.histogram().stream().mapToInt(CriticalBudget.HistogramBin::samples).sum()
                + budget.notReached());
        double[] values = budget.samples().stream().mapToDouble(s -> s.criticalEps() == null ? MAX_EPS : s.criticalEps())
                .sorted().toArray();
        assertEquals((values[2] + values[3]) / 2, budget.medianCriticalEps(), 1e-6, "median of six: mean of the middle two");

    }

    @Test
    void samplesBrokenWithoutAttackAreAtZeroAndNeverBrokenOnesMakeTheMedianALowerBound() {
        // Fixture clean Dice lies between 0.57 and 0.87, and PGD-5 at 8/255 leaves every sample above 0.13.
        RobustnessResult strict = evaluator.evaluate(PGD,
                Analyses.NONE.withCritical(CriticalThreshold.absolute(0.6)).withCriticalStep(STEP));
        for (SampleCriticalEps sample : strict.criticalBudget().orElseThrow().samples()) {
            if (sample.cleanDice() < 0.6) {
                assertEquals(0f, sample.criticalEps(), sample.imageName() + " is below 0.6 unattacked");
            }
        }
        RobustnessResult lenient = evaluator.evaluate(PGD,
                Analyses.NONE.withCritical(CriticalThreshold.absolute(0.05)).withCriticalStep(STEP));
        CriticalBudget budget = lenient.criticalBudget().orElseThrow();
        assertEquals(6, budget.notReached());
        assertTrue(budget.medianIsLowerBound());
        assertEquals(MAX_EPS, budget.medianCriticalEps(), 1e-7f);
        assertEquals(1, budget.rounds(), "nothing to bisect when no sample breaks at the largest budget");
    }

    @Test
    void theCurveIsTheSweepFromTheCleanDiceAndItsAreaIsTheNormalisedTrapezoid() {
        RobustnessResult result = evaluator.evaluate(PGD, Analyses.NONE.withCurvePoints(4));
        DiceCurve curve = result.curve().orElseThrow();
        List<RobustnessResult> sweep = evaluator.sweep(PGD, List.of(2 / 255f, 4 / 255f, 6 / 255f));
        double[] eps = {0, 2 / 255.0, 4 / 255.0, 6 / 255.0, MAX_EPS};
        double[] dice = {result.cleanDice().mean(), sweep.get(0).adversarialDice().mean(),
                sweep.get(1).adversarialDice().mean(), sweep.get(2).adversarialDice().mean(), result.adversarialDice().mean()};
        assertEquals(5, curve.points().size());
        double area = 0;
        for (int k = 0; k < 5; k++) {
            assertEquals(eps[k], curve.points().get(k).eps(), 1e-7, "budget " + k);
            assertEquals(dice[k], curve.points().get(k).dice(), 1e-9, "Dice at budget " + k);
            if (k > 0) {
                area += (eps[k] - eps[k - 1]) * (dice[k] + dice[k - 1]) / 2;
            }
        }
        assertEquals(area / MAX_EPS, curve.area(), 1e-6);
        assertTrue(curve.area() < result.cleanDice().mean(), "an attack that hurts leaves less area than the clean Dice");
    }

    @Test
    void gatesBoundTheMedianCriticalEpsAndTheCurveAreaAndFailWhereTheyWereNotMeasured() {
        RobustnessResult result = evaluator.evaluate(PGD, Analyses.NONE.withCurvePoints(2)
                .withCritical(CriticalThreshold.fractionOfClean(0.5)).withCriticalStep(STEP));
        double median = result.criticalBudget().orElseThrow().medianCriticalEps();
        double area = result.curve().orElseThrow().area();
        RobustnessGate passing = new RobustnessGate(List.of(Limit.minimum(GateMetric.MEDIAN_CRITICAL_EPS, median - 1e-4),
                Limit.minimum(GateMetric.CURVE_AREA, area - 1e-4)), GateStatistic.CONFIDENCE_BOUND);
        assertEquals(List.of(), passing.check(result));
        RobustnessGate failing = new RobustnessGate(List.of(Limit.minimum(GateMetric.MEDIAN_CRITICAL_EPS, median + 1 / 255.0),
                Limit.minimum(GateMetric.CURVE_AREA, area + 0.01)), GateStatistic.MEAN);
        List<GateViolation> violations = failing.check(result);
        assertEquals(2, violations.size());
        assertTrue(violations.get(0).message().contains("median critical eps")
                && violations.get(0).message().contains("minMedianCriticalEps")
                && violations.get(0).message().contains("Dice < 0.50 × clean"), violations.get(0).message());
        assertTrue(violations.get(1).message().contains("curve area") && violations.get(1).message().contains("minCurveArea"),
                violations.get(1).message());

        RobustnessResult plain = evaluator.evaluate(PGD);
        List<GateViolation> missing = passing.check(plain);
        assertEquals(2, missing.size(), "a gate never passes on a figure that was not measured");
        assertTrue(missing.get(0).message().contains("criticalDice or criticalFraction"), missing.get(0).message());
        assertTrue(missing.get(1).message().contains("curvePoints"), missing.get(1).message());
    }

    @Test
    void anEnsembleBreaksEachSampleNoLaterThanItsMember() {
        // Per sample the ensemble keeps its members' lowest Dice, so at every budget it is at most PGD-5's.
        AttackSpec ensemble = AttackSpec.of(AttackNames.ENSEMBLE, MAX_EPS, Map.of("members", "PGD(steps=5); FGSM"));
        Analyses search = Analyses.NONE.withCritical(CriticalThreshold.fractionOfClean(0.5)).withCriticalStep(STEP);
        CriticalBudget byEnsemble = evaluator.evaluate(ensemble, search).criticalBudget().orElseThrow();
        CriticalBudget byPgd = evaluator.evaluate(PGD, search).criticalBudget().orElseThrow();
        for (int i = 0; i < byPgd.samples().size(); i++) {
            Float pgd = byPgd.samples().get(i).criticalEps();
            Float both = byEnsemble.samples().get(i).criticalEps();
            assertTrue(pgd == null || (both != null && both <= pgd + 1e-7), byPgd.samples().get(i).imageName()
                    + ": ensemble " + both + ", PGD-5 " + pgd);
        }
    }

    @Test
    void aSetLevelAttackHasNoPerSampleCriticalBudget() {
        AttackSpec universal = AttackSpec.of(AttackNames.UNIVERSAL, MAX_EPS, Map.of("epochs", 1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(universal,
                Analyses.NONE.withCritical(CriticalThreshold.absolute(0.5))));
        assertTrue(error.getMessage().contains("per-sample attack"), error.getMessage());
    }
}
