package io.robustgate.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What one invocation attacks, after configuration parameters have overridden the annotations:
 * the model directory and device, the held-out set's directory, split and prompt, and how many
 * samples. Paths are absolute, so equal targets share one loaded model and one clean pass.
 */
record EvaluationTarget(Path modelDirectory, String device, Path dataDirectory, String split, String prompt,
        int sampleLimit) {

    static final String MODEL_DIR = "robustgate.model.dir";
    static final String DEVICE = "robustgate.device";
    static final String DATA_DIR = "robustgate.data.dir";
    static final String DATA_SPLIT = "robustgate.data.split";
    static final String PROMPT = "robustgate.prompt";
    static final String SAMPLE_LIMIT = "robustgate.sample.limit";

    static EvaluationTarget resolve(ExtensionContext context, AttackCase attackCase) {
        Method method = context.getRequiredTestMethod();
        List<AnnotatedElement> scopes = scopes(method, context.getRequiredTestClass());
        Optional<RobustnessModel> model = find(scopes, RobustnessModel.class);
        Optional<HeldOutSet> data = find(scopes, HeldOutSet.class);
        String where = method.getDeclaringClass().getSimpleName() + "#" + method.getName();

        String modelDir = parameter(context, MODEL_DIR).or(() -> model.map(RobustnessModel::value))
                .orElseThrow(() -> new ExtensionConfigurationException("No model bundle for " + where
                        + ": annotate the test class with @RobustnessModel(\"path/to/bundle\") or set " + MODEL_DIR));
        String dataDir = parameter(context, DATA_DIR).or(() -> data.map(HeldOutSet::value))
                .orElseThrow(() -> new ExtensionConfigurationException("No held-out set for " + where
                        + ": annotate the test class with @HeldOutSet(\"path/to/set\") or set " + DATA_DIR));
        String device = parameter(context, DEVICE).or(() -> model.map(RobustnessModel::device)).orElse("auto");
        String split = parameter(context, DATA_SPLIT).or(() -> data.map(HeldOutSet::split)).orElse("test");
        String prompt = parameter(context, PROMPT)
                .or(() -> Optional.of(attackCase.prompt()).filter(p -> !p.isEmpty()))
                .or(() -> data.map(HeldOutSet::prompt)).orElse("p1");
        int sampleLimit = parameter(context, SAMPLE_LIMIT).map(value -> parseLimit(value))
                .orElse(attackCase.sampleLimit());
        return new EvaluationTarget(absolute(modelDir), device, absolute(dataDir), split, prompt, sampleLimit);
    }

    /** Relative paths resolve against the working directory, which surefire sets to the module. */
    static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    static Optional<String> parameter(ExtensionContext context, String key) {
        return context.getConfigurationParameter(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static int parseLimit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ExtensionConfigurationException(SAMPLE_LIMIT + "=" + value + " is not a sample count (0 for all)");
    }

    /** The method first, then its class and the classes enclosing it (for @Nested tests). */
    private static List<AnnotatedElement> scopes(Method method, Class<?> testClass) {
        List<AnnotatedElement> scopes = new ArrayList<>();
        scopes.add(method);
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            scopes.add(type);
        }
        return scopes;
    }

    private static <A extends java.lang.annotation.Annotation> Optional<A> find(List<AnnotatedElement> scopes,
            Class<A> type) {
        for (AnnotatedElement scope : scopes) {
            Optional<A> found = AnnotationSupport.findAnnotation(scope, type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
