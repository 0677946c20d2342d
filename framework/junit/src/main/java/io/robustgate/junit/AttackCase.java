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
 */
record AttackCase(AttackSpec attack, RobustnessGate gate, String prompt, int sampleLimit, Analyses analyses) {

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
        RobustnessGate gate = new RobustnessGate(limits(annotation), annotation.gateOn(), annotation.failOnAlarms());
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
            cases.add(new AttackCase(spec, gate, annotation.prompt().trim(), annotation.sampleLimit(), analyses));
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

    private static List<Limit> limits(AdversarialRobustness annotation) {
        List<Limit> limits = new ArrayList<>();
        if (isSet(annotation.minDice())) {
            limits.add(Limit.minimum(GateMetric.DICE, annotation.minDice()));
        }
        if (isSet(annotation.minIoU())) {
            limits.add(Limit.minimum(GateMetric.IOU, annotation.minIoU()));
        }
        if (isSet(annotation.maxDiceDrop())) {
            limits.add(Limit.maximum(GateMetric.DICE_DROP, annotation.maxDiceDrop()));
        }
        if (isSet(annotation.maxIoUDrop())) {
            limits.add(Limit.maximum(GateMetric.IOU_DROP, annotation.maxIoUDrop()));
        }
        if (isSet(annotation.minWorstPromptDice())) {
            limits.add(Limit.minimum(GateMetric.WORST_PROMPT_DICE, annotation.minWorstPromptDice()));
        }
        if (isSet(annotation.maxPromptSpread())) {
            limits.add(Limit.maximum(GateMetric.PROMPT_SPREAD, annotation.maxPromptSpread()));
        }
        if (isSet(annotation.minMedianCriticalEps())) {
            limits.add(Limit.minimum(GateMetric.MEDIAN_CRITICAL_EPS, annotation.minMedianCriticalEps()));
        }
        if (isSet(annotation.minCurveArea())) {
            limits.add(Limit.minimum(GateMetric.CURVE_AREA, annotation.minCurveArea()));
        }
        return limits;
    }

    /** Annotations cannot default to null, so NaN (the default) and negative values mean "no limit". */
    private static boolean isSet(double limit) {
        return !Double.isNaN(limit) && limit >= 0;
    }
}
