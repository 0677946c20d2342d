package io.robustgate.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.evaluation.Analyses;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.Limit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The front-ends' one parser, fed plain maps: every option, every limit name, one message per kind of bad input. */
class AttackOptionsTest {

    private static OptionMap attack(String... keysAndValues) {
        OptionMap map = OptionMap.path("attacks[1]");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String problem(OptionMap map) {
        return assertThrows(ConfigurationProblem.class, () -> AttackOptions.parse(map)).getMessage();
    }

    @Test
    void everyOptionIsReadFromAPlainMap() {
        ConfiguredAttack parsed = AttackOptions.parse(attack("type", "pgd", "eps", "1/255, 2/255", "steps", "7",
                "alpha", "0.001", "randomStart", "false", "seed", "3", "loss", "MASKED_BCE", "space", "PIXEL",
                "keepBest", "true", "criticalFraction", "0.5", "criticalStep", "1/255", "curvePoints", "4",
                "promptTransfer", "true", "gateOn", "confidence-bound", "failOnAlarms", "true", "minDice", "0.5",
                "maxDiceDrop", "-0.05", "minMedianCriticalEps", "1/255", "minCurveArea", "0.1"));
        assertEquals(2, parsed.specs().size());
        assertEquals(2 / 255f, parsed.specs().get(1).eps(), 1e-9);
        assertEquals(7, parsed.specs().get(0).steps());
        assertEquals("MASKED_BCE", String.valueOf(parsed.specs().get(0).options().get("loss")));
        Analyses analyses = parsed.analyses();
        assertTrue(analyses.promptTransfer());
        assertTrue(analyses.critical().relative());
        assertEquals(1 / 255f, analyses.criticalStep(), 1e-9);
        assertEquals(4, analyses.curvePoints());
        assertEquals(GateStatistic.CONFIDENCE_BOUND, parsed.gateOn());
        assertTrue(parsed.failOnAlarms());
        assertEquals(4, parsed.limits().size());
        assertTrue(parsed.limits().contains(Limit.maximum(GateMetric.DICE_DROP, -0.05)), "a negative drop is a real limit");
        List<GateRule> rules = parsed.rules();
        assertEquals(2, rules.size());
        assertEquals(parsed.limits(), rules.get(0).limits());
    }

    @Test
    void optionsOtherThanTheShorthandGoUnderOptionsAndDefaultsStay() {
        ConfiguredAttack parsed = AttackOptions.parse(attack("type", "APGD", "eps", "2/255", "options.steps", "10"));
        assertEquals(10, parsed.specs().get(0).steps());
        assertEquals(Analyses.NONE, parsed.analyses());
        assertNull(parsed.gateOn());
        assertFalse(parsed.failOnAlarms());
        assertEquals(List.of(), parsed.rules());
    }

    @Test
    void aLimitNameOfEveryRegisteredMetricIsAccepted() {
        for (GateMetric metric : GateMetric.values()) {
            for (boolean minimum : new boolean[] {true, false}) {
                // a value inside every metric's range, found from the metric itself
                double value = metric.limitProblem(0.5).isEmpty() ? 0.5 : 1.0;
                OptionMap map = attack("type", "FGSM", "eps", "1/255", "criticalDice", "0.5", "curvePoints", "2",
                        metric.limitName(minimum), Double.toString(value));
                List<Limit> limits = AttackOptions.parse(map).limits();
                assertEquals(List.of(minimum ? Limit.minimum(metric, value) : Limit.maximum(metric, value)), limits,
                        metric.limitName(minimum));
                OptionMap rule = OptionMap.path("rules[0]").put("attack", "FGSM").put(metric.limitName(minimum),
                        Double.toString(value));
                assertEquals(limits, RuleOptions.parse(rule, List.of()).limits());
                OptionMap entry = OptionMap.path("rules[0].limits[0]").put("metric", String.valueOf(metric))
                        .put(minimum ? "minimum" : "maximum", Double.toString(value));
                assertEquals(limits.get(0), LimitOptions.entry(entry));
            }
        }
    }

    @Test
    void oneMessagePerKindOfBadInput() {
        assertEquals("attacks[1].type is missing: name an attack, e.g. PGD", problem(attack("eps", "2/255")));
        assertEquals("attacks[1].eps is missing: write one budget or a list, e.g. 1/255,2/255", problem(attack("type", "PGD")));
        assertEquals("attacks[1].eps: 0 is not a positive budget", problem(attack("type", "PGD", "eps", "0")));
        assertEquals("attacks[1].eps: '1/255,,2/255' has an empty entry", problem(attack("type", "PGD", "eps", "1/255,,2/255")));
        assertTrue(problem(attack("type", "PGDX", "eps", "2/255")).startsWith("attacks[1].type: "));
        assertTrue(problem(attack("type", "PGD", "eps", "300/255")).startsWith("attacks[1].eps: PGD: "));
        assertEquals("attacks[1]: steps is given twice: as attacks[1].steps and as attacks[1].options.steps",
                problem(attack("type", "PGD", "eps", "2/255", "steps", "5", "options.steps", "6")));
        assertEquals("attacks[1].curvePoints: 'many' is not a whole number",
                problem(attack("type", "PGD", "eps", "2/255", "curvePoints", "many")));
        assertEquals("attacks[1].promptTransfer: 'yes' is neither true nor false",
                problem(attack("type", "PGD", "eps", "2/255", "promptTransfer", "yes")));
        assertEquals("attacks[1].criticalDice: 'half' is not a number",
                problem(attack("type", "PGD", "eps", "2/255", "criticalDice", "half")));
        assertEquals("attacks[1]: give criticalDice (an absolute Dice) or criticalFraction (of the clean Dice), not both",
                problem(attack("type", "PGD", "eps", "2/255", "criticalDice", "0.5", "criticalFraction", "0.5")));
        assertTrue(problem(attack("type", "PGD", "eps", "2/255", "minCurveArea", "0.5"))
                .startsWith("attacks[1]: minCurveArea needs a curve: set curvePoints"));
        assertTrue(problem(attack("type", "PGD", "eps", "2/255", "minDice", "-0.1"))
                .startsWith("attacks[1].minDice: -0.1 is outside [0,1], the range of the Dice"));
        assertEquals("attacks[1].minDice: '0,8' is not a number", problem(attack("type", "PGD", "eps", "2/255", "minDice", "0,8")));
        String unknownLimit = problem(attack("type", "PGD", "eps", "2/255", "maxAccuracy", "0.1"));
        assertTrue(unknownLimit.startsWith("attacks[1].maxAccuracy: 'maxAccuracy' is not a limit: use one of minDice, maxDice"),
                unknownLimit);
        for (GateMetric metric : GateMetric.values()) {
            assertTrue(unknownLimit.contains(metric.limitName(false)), unknownLimit);
        }
        assertTrue(problem(attack("type", "PGD", "eps", "2/255", "stepz", "3")).startsWith("attacks[1].stepz: unknown option"));
        assertEquals("attacks[1].gateOn: 'median' is unknown: use one of MEAN, CONFIDENCE_BOUND",
                problem(attack("type", "PGD", "eps", "2/255", "gateOn", "median")));
    }

    @Test
    void theSameOptionTwiceNamesBothPlaces() {
        OptionMap map = OptionMap.labelled("@AdversarialRobustness on T#m").put("minDice", "0.5", "minDice");
        ConfigurationProblem e = assertThrows(ConfigurationProblem.class,
                () -> map.putAll(Map.of("minDice", "0.6"), "limits: "));
        assertEquals("@AdversarialRobustness on T#m: minDice is given twice: as minDice and as limits: minDice", e.getMessage());
    }

    @Test
    void ruleAndLimitEntryMessages() {
        OptionMap rule = OptionMap.path("rules[0]").put("attack", "PGD");
        assertEquals("rules[0].limits: a rule needs at least one limit, e.g. minDice 0.80 or a metric DICE with minimum 0.80",
                assertThrows(ConfigurationProblem.class, () -> RuleOptions.parse(rule, List.of())).getMessage());
        OptionMap noMetric = rule.nested("limits[0]").put("minimum", "0.5");
        assertEquals("rules[0].limits[0].metric is missing: use one of " + LimitOptions.metricNames(),
                assertThrows(ConfigurationProblem.class, () -> RuleOptions.parse(rule, List.of(noMetric))).getMessage());
        OptionMap unknown = rule.nested("limits[1]").put("metric", "ACCURACY").put("minimum", "0.5");
        assertEquals("rules[0].limits[1].metric: 'ACCURACY' is unknown: use one of " + LimitOptions.metricNames(),
                assertThrows(ConfigurationProblem.class, () -> LimitOptions.entry(unknown)).getMessage());
        OptionMap noBound = rule.nested("limits[0]").put("metric", "dice");
        assertEquals("rules[0].limits[0]: a limit on DICE needs a minimum, a maximum or both",
                assertThrows(ConfigurationProblem.class, () -> LimitOptions.entry(noBound)).getMessage());
        OptionMap inverted = rule.nested("limits[0]").put("metric", "dice").put("minimum", "0.9").put("maximum", "0.1");
        assertEquals("rules[0].limits[0]: minimum 0.9 is above maximum 0.1",
                assertThrows(ConfigurationProblem.class, () -> LimitOptions.entry(inverted)).getMessage());
        OptionMap typo = rule.nested("limits[0]").put("metric", "dice").put("minimun", "0.9");
        assertEquals("rules[0].limits[0].minimun: unknown key; allowed here: maximum, metric, minimum",
                assertThrows(ConfigurationProblem.class, () -> LimitOptions.entry(typo)).getMessage());
        assertEquals("rules[0].eps: 0 is not a positive budget", assertThrows(ConfigurationProblem.class,
                () -> RuleOptions.parse(OptionMap.path("rules[0]").put("attack", "PGD").put("eps", "0").put("minDice", "0.5"),
                        List.of())).getMessage());
    }
}
