package io.robustgate.junit;

import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackOptionsText;
import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.Analyses;
import io.robustgate.configuration.AttackOptions;
import io.robustgate.configuration.ConfigurationProblem;
import io.robustgate.configuration.ConfiguredAttack;
import io.robustgate.configuration.LimitOptions;
import io.robustgate.configuration.OptionMap;
import io.robustgate.gate.RobustnessGate;
import io.robustgate.evaluation.sequential.SequentialPlan;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One invocation of an {@link AdversarialRobustness} test: an attack at one budget, the gate its
 * result must pass, and the annotation's own choice of prompt and sample count.
 *
 * @param prompt the annotation's prompt key, empty when it keeps the held-out set's
 * @param sampleLimit how many samples to attack; 0 for all
 * @param analyses what is measured around the attack (prompt transfer, critical budget, curve)
 * @param namePattern the invocation's display name pattern ({@link AdversarialRobustness#name()})
 * @param sequential the plan deciding the gate's limits sequentially; null for a full run
 */
record AttackCase(AttackSpec attack, RobustnessGate gate, String prompt, int sampleLimit, Analyses analyses,
        String namePattern, SequentialPlan sequential) {

    AttackCase(AttackSpec attack, RobustnessGate gate, String prompt, int sampleLimit, Analyses analyses) {
        this(attack, gate, prompt, sampleLimit, analyses, InvocationName.DEFAULT, null);
    }

    /** One case per budget of the annotation, in the order written. */
    static List<AttackCase> expand(AdversarialRobustness annotation, Method method) {
        String where = "@AdversarialRobustness on " + method.getDeclaringClass().getSimpleName() + "#" + method.getName();
        boolean hasBudget = AttackRegistry.current().find(annotation.attack()).map(AttackDefinition::hasBudget).orElse(true);
        if (annotation.eps().length == 0 && hasBudget) {
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
        ConfiguredAttack configured;
        try {
            configured = AttackOptions.parse(options(annotation, where));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        RobustnessGate gate = configured.gate(annotation.gateOn());
        SequentialPlan sequential = configured.sequentialPlan(false, annotation.gateOn()).orElse(null);
        String namePattern = InvocationName.validated(annotation.name(), where);
        List<AttackCase> cases = new ArrayList<>();
        for (AttackSpec spec : configured.specs()) {
            cases.add(new AttackCase(spec, gate, annotation.prompt().trim(), annotation.sampleLimit(), configured.analyses(),
                    namePattern, sequential));
        }
        return cases;
    }

    /**
     * The annotation's attributes as the settings every front-end shares ({@link AttackOptions}):
     * a typed limit attribute ({@code minDice}) and an entry of {@link AdversarialRobustness#limits()}
     * ({@code "maxHd95 = 12.5"}) are the same limit name.
     */
    static OptionMap options(AdversarialRobustness annotation, String where) {
        OptionMap options = OptionMap.labelled(where);
        options.put("type", annotation.attack());
        StringBuilder eps = new StringBuilder();
        for (float budget : annotation.eps()) {
            eps.append(eps.length() == 0 ? "" : ",").append(budget);
        }
        if (eps.length() > 0) {
            options.put("eps", eps.toString());
        }
        if (annotation.steps() > 0) {
            options.put("steps", Integer.toString(annotation.steps()));
        }
        try {
            AttackOptionsText.parse(annotation.options())
                    .forEach((name, value) -> options.put(AttackOptions.OPTION_PREFIX + name, value, "options " + name));
        } catch (ConfigurationProblem e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw options.problem("options", e.getMessage());
        }
        if (annotation.failOnAlarms()) {
            options.put("failOnAlarms", "true");
        }
        options.put("gateOn", annotation.gateOn().name());
        if (annotation.sequential()) {
            options.put("sequential", "true");
        }
        if (annotation.promptTransfer()) {
            options.put("promptTransfer", "true");
        }
        putIfSet(options, "criticalDice", annotation.criticalDice());
        putIfSet(options, "criticalFraction", annotation.criticalFraction());
        options.put("criticalStep", Float.toString(annotation.criticalStep()));
        if (annotation.curvePoints() != 0) {
            options.put("curvePoints", Integer.toString(annotation.curvePoints()));
        }
        for (String limitName : LimitOptions.limitNames()) {
            putIfSet(options, limitName, typedLimit(annotation, limitName));
        }
        for (String entry : annotation.limits()) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw options.problem("limits", "'" + entry + "' must read name = value, e.g. maxDiceDrop = 0.05");
            }
            String name = entry.substring(0, equals).trim();
            options.put(name, entry.substring(equals + 1).trim(), "limits " + name);
        }
        return options;
    }

    /** The attribute named like the limit ({@code minDice}), if the annotation has one; NaN otherwise. */
    private static double typedLimit(AdversarialRobustness annotation, String limitName) {
        try {
            Method attribute = AdversarialRobustness.class.getMethod(limitName);
            return attribute.getReturnType() == double.class ? (double) attribute.invoke(annotation) : Double.NaN;
        } catch (NoSuchMethodException e) {
            return Double.NaN;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Annotations cannot default to null, so NaN (the default) means "not set": the annotation's own
     * sentinel, never a value a user writes. Any other value is a limit, checked against its
     * metric's range as in the POM and the YAML, so a negative value is refused, not ignored.
     */
    private static void putIfSet(OptionMap options, String key, double value) {
        if (!Double.isNaN(value)) {
            options.put(key, Double.toString(value));
        }
    }
}
