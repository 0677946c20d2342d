package io.robustgate.junit;

import io.robustgate.attack.AttackOptionsText;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.CriticalThreshold;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RobustnessGate;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One invocation of an {@link AdversarialRobustness} test: an attack at one budget, the gate its
 * result must pass, and the annotation's own choice of prompt and sample count.
 *
 * @param prompt the annotation's prompt key, empty when it keeps the held-out set's
 * @param sampleLimit how many samples to attack; 0 for all
 * @param analyses what is measured around the attack (prompt transfer, critical budget, curve)
 * @param namePattern the invocation's display name pattern ({@link AdversarialRobustness#name()})
 */
record AttackCase(AttackSpec attack, RobustnessGate gate, String prompt, int sampleLimit, Analyses analyses,
        String namePattern) {

    AttackCase(AttackSpec attack, RobustnessGate gate, String prompt, int sampleLimit, Analyses analyses) {
        this(attack, gate, prompt, sampleLimit, analyses, InvocationName.DEFAULT);
    }

    /** One case per budget of the annotation, in the order written. */
    static List<AttackCase> expand(AdversarialRobustness annotation, Method method) {
        String where = "@AdversarialRobustness on " + method.getDeclaringClass().getSimpleName() + "#" + method.getName();
        if (annotation.eps().length == 0) {
            throw new ExtensionConfigurationException(where + " names no eps: write e.g. eps = 2/255f");
        }
        if (annotation.sampleLimit() < 0) {
            throw new ExtensionConfigurationException(where + ": sampleLimit must be 0 (all) or more but is "
                    + annotation.sampleLimit());
        }
        if (annotation.steps() < 0) {
            throw new ExtensionConfigurationException(where + ": steps must be 0 (the attack's default) or more but is "
                    + annotation.steps());
        }
        RobustnessGate gate = new RobustnessGate(limits(annotation, where), annotation.gateOn(), annotation.failOnAlarms());
        Analyses analyses;
        try {
            analyses = analyses(annotation);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
        List<AttackCase> cases = new ArrayList<>();
        for (float eps : annotation.eps()) {
            AttackSpec spec;
            try {
                Map<String, Object> options = new LinkedHashMap<>();
                if (annotation.steps() > 0) {
                    options.put("steps", annotation.steps());
                }
                AttackOptionsText.parse(annotation.options()).forEach((name, value) -> {
                    if (options.put(name, value) != null) {
                        throw new IllegalArgumentException("steps is given both as an attribute and as an option");
                    }
                });
                spec = AttackSpec.of(annotation.attack(), eps, options);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
            }
            cases.add(new AttackCase(spec, gate, annotation.prompt().trim(), annotation.sampleLimit(), analyses,
                    InvocationName.validated(annotation.name(), where)));
        }
        return cases;
    }

    private static Analyses analyses(AdversarialRobustness annotation) {
        if (isSet(annotation.criticalDice()) && isSet(annotation.criticalFraction())) {
            throw new IllegalArgumentException("give criticalDice (an absolute Dice) or criticalFraction (of the clean "
                    + "Dice), not both");
        }
        CriticalThreshold critical = isSet(annotation.criticalDice()) ? CriticalThreshold.absolute(annotation.criticalDice())
                : isSet(annotation.criticalFraction()) ? CriticalThreshold.fractionOfClean(annotation.criticalFraction())
                : null;
        if (critical == null && isSet(annotation.minMedianCriticalEps())) {
            throw new IllegalArgumentException("minMedianCriticalEps needs the critical-budget search: set criticalDice "
                    + "(e.g. 0.5) or criticalFraction (e.g. 0.5 of the clean Dice)");
        }
        if (annotation.curvePoints() == 0 && isSet(annotation.minCurveArea())) {
            throw new IllegalArgumentException("minCurveArea needs a curve: set curvePoints (e.g. 8)");
        }
        return new Analyses(annotation.promptTransfer(), critical, annotation.criticalStep(), annotation.curvePoints());
    }

    private static List<Limit> limits(AdversarialRobustness annotation, String where) {
        List<Limit> limits = new ArrayList<>();
        add(limits, where, "minDice", annotation.minDice(), v -> Limit.minimum(GateMetric.DICE, v));
        add(limits, where, "minIoU", annotation.minIoU(), v -> Limit.minimum(GateMetric.IOU, v));
        add(limits, where, "maxDiceDrop", annotation.maxDiceDrop(), v -> Limit.maximum(GateMetric.DICE_DROP, v));
        add(limits, where, "maxIoUDrop", annotation.maxIoUDrop(), v -> Limit.maximum(GateMetric.IOU_DROP, v));
        add(limits, where, "minWorstPromptDice", annotation.minWorstPromptDice(),
                v -> Limit.minimum(GateMetric.WORST_PROMPT_DICE, v));
        add(limits, where, "maxPromptSpread", annotation.maxPromptSpread(), v -> Limit.maximum(GateMetric.PROMPT_SPREAD, v));
        add(limits, where, "minMedianCriticalEps", annotation.minMedianCriticalEps(),
                v -> Limit.minimum(GateMetric.MEDIAN_CRITICAL_EPS, v));
        add(limits, where, "minCurveArea", annotation.minCurveArea(), v -> Limit.minimum(GateMetric.CURVE_AREA, v));
        return limits;
    }

    /** A set attribute becomes a limit, refused like a POM or YAML limit when outside the metric's range. */
    private static void add(List<Limit> limits, String where, String attribute, double value,
            java.util.function.DoubleFunction<Limit> limit) {
        if (!isSet(value)) {
            return;
        }
        Limit made = limit.apply(value);
        made.metric().limitProblem(value).ifPresent(problem -> {
            throw new ExtensionConfigurationException(where + ": " + attribute + " = " + value + " " + problem);
        });
        limits.add(made);
    }

    /**
     * Annotations cannot default to null, so NaN (the default) means "not set": the annotation's own
     * sentinel, never a value a user writes. Any other value is a limit, checked against its
     * metric's range as in the POM and the YAML, so a negative value is refused, not ignored.
     */
    private static boolean isSet(double limit) {
        return !Double.isNaN(limit);
    }
}
