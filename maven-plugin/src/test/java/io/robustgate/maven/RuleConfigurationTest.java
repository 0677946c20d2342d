package io.robustgate.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackNames;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.Limit;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class RuleConfigurationTest {

    static LimitConfiguration limit(String metric, String minimum, String maximum) {
        LimitConfiguration limit = new LimitConfiguration();
        limit.setMetric(metric);
        limit.setMinimum(minimum);
        limit.setMaximum(maximum);
        return limit;
    }

    static RuleConfiguration rule(String attack, String eps, LimitConfiguration... limits) {
        RuleConfiguration rule = new RuleConfiguration();
        rule.setAttack(attack);
        rule.setEps(eps);
        rule.setLimits(List.of(limits));
        return rule;
    }

    @Test
    void convertsTheReadmeExample() throws Exception {
        GateRule rule = rule("PGD", "2/255", limit("DICE", "0.80", null), limit("DICE_DROP", null, "0.10"))
                .toRule("rules[0]");

        assertEquals(AttackNames.PGD, rule.attack());
        assertEquals(2 / 255f, rule.eps(), 1e-9);
        assertEquals(List.of(new Limit(GateMetric.DICE, 0.80, null), new Limit(GateMetric.DICE_DROP, null, 0.10)),
                rule.limits());
    }

    @Test
    void analysisLimitsAreMetricsLikeTheOthersAndACriticalEpsMayBeWrittenAsABudget() throws Exception {
        GateRule rule = rule("PGD", "8/255", limit("WORST_PROMPT_DICE", "0.2", null), limit("prompt_spread", null, "0.3"),
                limit("MEDIAN_CRITICAL_EPS", "1/255", null), limit("CURVE_AREA", "0.25", null)).toRule("rules[0]");
        assertEquals(List.of(Limit.minimum(GateMetric.WORST_PROMPT_DICE, 0.2), Limit.maximum(GateMetric.PROMPT_SPREAD, 0.3),
                Limit.minimum(GateMetric.MEDIAN_CRITICAL_EPS, 1 / 255f), Limit.minimum(GateMetric.CURVE_AREA, 0.25)),
                rule.limits());
        MojoExecutionException error = assertThrows(MojoExecutionException.class,
                () -> rule("PGD", null, limit("CURVE_AREA", "1/x", null)).toRule("rules[0]"));
        assertTrue(error.getMessage().contains("rules[0].limits[0].minimum: '1/x' is not a number"), error.getMessage());
        // Every limit may be written as a fraction, as budgets are: one reading for every metric.
        assertEquals(List.of(Limit.minimum(GateMetric.CURVE_AREA, 0.25)),
                rule("PGD", null, limit("CURVE_AREA", "1/4", null)).toRule("rules[0]").limits());
    }

    @Test
    void limitsByNameTakeAnyLimitNameTheMetricsKnow() throws Exception {
        RuleConfiguration rule = rule("PGD", "2/255", limit("DICE", "0.80", null));
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (GateMetric metric : GateMetric.values()) {
            byName.put(metric.limitName(false), "1");
        }
        rule.setLimitsByName(byName);
        List<Limit> limits = rule.toRule("rules[0]").limits();
        assertEquals(1 + GateMetric.values().length, limits.size());
        rule.setLimitsByName(java.util.Map.of("maxAccuracy", "0.1"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> rule.toRule("rules[0]"));
        assertTrue(e.getMessage().startsWith("rules[0].limitsByName.maxAccuracy: 'maxAccuracy' is not a limit: use one of minDice,"),
                e.getMessage());
    }

    @Test
    void ruleWithoutEpsCoversEveryBudget() throws Exception {
        GateRule rule = rule("fgsm", null, limit("iou", "0.5", null)).toRule("rules[0]");

        assertNull(rule.eps());
        assertEquals(GateMetric.IOU, rule.limits().get(0).metric());
    }

    @Test
    void unknownMetricNamesItsPath() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> rule("PGD", "2/255", limit("DICE", "0.8", null), limit("ACCURACY", "0.9", null)).toRule("rules[0]"));
        // Every gate metric the registry knows is listed, HD95 and NSD among them.
        assertEquals("rules[0].limits[1].metric: 'ACCURACY' is unknown: use one of " + java.util.Arrays.stream(
                io.robustgate.gate.GateMetric.values()).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
                e.getMessage());
        assertTrue(e.getMessage().contains("HD95, NSD") && e.getMessage().contains("HD95_INCREASE"), e.getMessage());
    }

    @Test
    void limitNeedsABoundThatIsAFraction() {
        assertEquals("rules[2].limits[0]: a limit on DICE needs a minimum, a maximum or both",
                assertThrows(MojoExecutionException.class,
                        () -> rule("PGD", null, limit("DICE", null, null)).toRule("rules[2]")).getMessage());
        assertEquals("rules[0].limits[0].minimum: '0,8' is not a number",
                assertThrows(MojoExecutionException.class,
                        () -> rule("PGD", null, limit("DICE", "0,8", null)).toRule("rules[0]")).getMessage());
        assertTrue(assertThrows(MojoExecutionException.class,
                () -> rule("PGD", null, limit("DICE", "80", null)).toRule("rules[0]")).getMessage()
                .startsWith("rules[0].limits[0].minimum: 80 is outside [0,1]"));
    }

    /** The same rule as the YAML's and the annotation's: a limit outside its metric's range is refused. */
    @Test
    void aLimitOutsideItsMetricsRangeIsRefusedAndANegativeDropIsALimit() {
        assertEquals("rules[0].limits[0].minimum: -0.1 is outside [0,1], the range of the Dice: a limit outside it"
                        + " could never fail or never pass",
                assertThrows(MojoExecutionException.class,
                        () -> rule("PGD", null, limit("DICE", "-0.1", null)).toRule("rules[0]")).getMessage());
        assertTrue(assertThrows(MojoExecutionException.class,
                () -> rule("PGD", null, limit("PROMPT_SPREAD", null, "-0.2")).toRule("rules[0]")).getMessage()
                .startsWith("rules[0].limits[0].maximum: -0.2 is outside [0,1]"));
        assertEquals(-0.05, assertDoesNotThrow(() -> rule("PGD", null, limit("DICE_DROP", null, "-0.05"))
                .toRule("rules[0]")).limits().get(0).maximum());
        assertTrue(assertThrows(MojoExecutionException.class,
                () -> rule("PGD", null, limit("IOU_DROP", null, "-1.5")).toRule("rules[0]")).getMessage()
                .startsWith("rules[0].limits[0].maximum: -1.5 is outside [-1,1], the range of the IoU drop"));
        assertEquals("rules[0].limits[0]: minimum 0.9 is above maximum 0.5",
                assertThrows(MojoExecutionException.class,
                        () -> rule("PGD", null, limit("DICE", "0.9", "0.5")).toRule("rules[0]")).getMessage());
    }

    @Test
    void ruleNeedsAnAttackAndLimitsAndASaneBudget() {
        assertEquals("rules[0].attack is missing: name the attack the rule gates, e.g. PGD",
                assertThrows(MojoExecutionException.class,
                        () -> rule(null, "2/255", limit("DICE", "0.8", null)).toRule("rules[0]")).getMessage());
        assertEquals("rules[1].limits: a rule needs at least one limit, e.g. minDice 0.80 or a metric DICE with minimum 0.80",
                assertThrows(MojoExecutionException.class, () -> rule("PGD", "2/255").toRule("rules[1]")).getMessage());
        assertEquals("rules[0]: rule for PGD: eps must lie in [0,1] but is 2.0",
                assertThrows(MojoExecutionException.class,
                        () -> rule("PGD", "2", limit("DICE", "0.8", null)).toRule("rules[0]")).getMessage());
        assertEquals(2f, assertDoesNotThrow(() -> rule("PGD_L2", "2", limit("DICE", "0.8", null)).toRule("rules[0]")).eps(),
                "an L2 radius may exceed 1");
    }
}
