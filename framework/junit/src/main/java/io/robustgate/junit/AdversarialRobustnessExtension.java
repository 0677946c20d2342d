package io.robustgate.junit;

import io.robustgate.attack.DuplicateAttacks;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns each {@link AdversarialRobustness} of a method, direct, repeated or inherited through a
 * composed annotation, into one invocation per budget. Each invocation attacks the held-out set,
 * writes its results JSON, records Allure steps and pictures, and fails on its gate.
 *
 * <p>Configuration parameters (system properties or {@code junit-platform.properties}) override
 * the annotations: {@code robustgate.model.dir}, {@code robustgate.device}, {@code
 * robustgate.data.dir}, {@code robustgate.data.split}, {@code robustgate.prompt}, {@code
 * robustgate.sample.limit} and {@code robustgate.results.dir} (default {@value
 * InvocationResultsFile#DEFAULT_DIRECTORY}).
 */
public final class AdversarialRobustnessExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> !requirements(method).isEmpty()).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        List<AttackCase> cases = cases(method);
        MethodResults methodResults = new MethodResults(cases.size());
        TestReport report = TestReport.detect();
        return IntStream.range(0, cases.size()).mapToObj(i -> new AttackInvocationContext(
                new AttackInvocation(cases.get(i), i + 1, methodResults, report)));
    }

    /**
     * The method's attack cases, annotation by annotation and budget by budget; refused when two of
     * them are the same attack on the same prompt and samples with the same analyses: the same
     * measurement run twice and counted as two results.
     */
    static List<AttackCase> cases(Method method) {
        List<AttackCase> cases = new ArrayList<>();
        Map<List<Object>, List<DuplicateAttacks.Entry>> byInputs = new LinkedHashMap<>();
        List<AdversarialRobustness> requirements = requirements(method);
        for (int r = 0; r < requirements.size(); r++) {
            String where = "@AdversarialRobustness #" + (r + 1) + " on " + method.getDeclaringClass().getSimpleName() + "#"
                    + method.getName();
            for (AttackCase attackCase : AttackCase.expand(requirements.get(r), method)) {
                cases.add(attackCase);
                List<Object> inputs = List.of(attackCase.prompt(), attackCase.sampleLimit(), attackCase.analyses());
                byInputs.computeIfAbsent(inputs, k -> new ArrayList<>()).add(new DuplicateAttacks.Entry(where, attackCase.attack()));
            }
        }
        try {
            byInputs.values().forEach(DuplicateAttacks::refuse);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage() + " (put both limits in one annotation to gate "
                    + "one run on several figures)", e);
        }
        return cases;
    }

    private static List<AdversarialRobustness> requirements(Method method) {
        return AnnotationSupport.findRepeatableAnnotations(method, AdversarialRobustness.class);
    }

    /** One invocation: its display name and the extension that runs the attack and the gate. */
    private record AttackInvocationContext(AttackInvocation invocation) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return invocation.displayName();
        }

        @Override
        public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
            return List.of(invocation);
        }
    }
}
