package io.robustgate.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What one invocation attacks: the model directory and device, the held-out set's directory,
 * split and prompt, and how many samples. Paths are absolute, so equal targets share one loaded
 * model and one clean pass.
 *
 * <p>Precedence is JUnit's (as for {@code @Timeout} and {@code junit.jupiter.execution.timeout.default}):
 * what the annotations say wins; a {@code robustgate.*} configuration parameter (system property
 * or {@code junit-platform.properties}) only fills in what they leave unsaid, an attribute left at
 * its default value counting as unsaid. A committed {@code robustgate.sample.limit=8} therefore
 * cannot weaken a gate that names its own {@code sampleLimit}. Overriding an annotation takes the
 * explicit {@code <key>.override} parameter; each override is warned about, recorded as an Allure
 * parameter and written into the invocation's results JSON ({@link #overrides}).
 */
record EvaluationTarget(Path modelDirectory, String device, Path dataDirectory, String split, String prompt,
        int sampleLimit, Map<String, String> overrides) {

    static final String MODEL_DIR = "robustgate.model.dir";
    static final String DEVICE = "robustgate.device";
    static final String DATA_DIR = "robustgate.data.dir";
    static final String DATA_SPLIT = "robustgate.data.split";
    static final String PROMPT = "robustgate.prompt";
    static final String SAMPLE_LIMIT = "robustgate.sample.limit";
    static final List<String> KEYS = List.of(MODEL_DIR, DEVICE, DATA_DIR, DATA_SPLIT, PROMPT, SAMPLE_LIMIT);

    /** Suffix of the key that overrides an annotation: {@code robustgate.sample.limit.override}. */
    static final String OVERRIDE = ".override";

    /** Each override is warned about once per JVM, not once per invocation. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    EvaluationTarget {
        overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
    }

    static EvaluationTarget resolve(ExtensionContext context, AttackCase attackCase) {
        Method method = context.getRequiredTestMethod();
        List<AnnotatedElement> scopes = scopes(method, context.getRequiredTestClass());
        Optional<RobustnessModel> model = find(scopes, RobustnessModel.class);
        Optional<HeldOutSet> data = find(scopes, HeldOutSet.class);
        String where = method.getDeclaringClass().getSimpleName() + "#" + method.getName();

        String modelDir = setting(context, MODEL_DIR, model.map(RobustnessModel::value))
                .orElseThrow(() -> new ExtensionConfigurationException("No model bundle for " + where
                        + ": annotate the test class with @RobustnessModel(\"path/to/bundle\") or set " + MODEL_DIR));
        String dataDir = setting(context, DATA_DIR, data.map(HeldOutSet::value))
                .orElseThrow(() -> new ExtensionConfigurationException("No held-out set for " + where
                        + ": annotate the test class with @HeldOutSet(\"path/to/set\") or set " + DATA_DIR));
        String device = setting(context, DEVICE, model.map(RobustnessModel::device).filter(d -> !d.equals("auto")))
                .orElse("auto");
        String split = setting(context, DATA_SPLIT, data.map(HeldOutSet::split).filter(s -> !s.equals("test")))
                .orElse("test");
        String prompt = setting(context, PROMPT, Optional.of(attackCase.prompt()).filter(p -> !p.isEmpty())
                        .or(() -> data.map(HeldOutSet::prompt).filter(p -> !p.equals("p1"))))
                .orElse("p1");
        Optional<String> annotatedLimit = Optional.of(attackCase.sampleLimit()).filter(n -> n > 0).map(String::valueOf);
        int sampleLimit = setting(context, SAMPLE_LIMIT, annotatedLimit).map(EvaluationTarget::parseLimit).orElse(0);

        Map<String, String> overrides = overrides(context);
        overrides.forEach(EvaluationTarget::warnOnce);
        return new EvaluationTarget(absolute(modelDir), device, absolute(dataDir), split, prompt, sampleLimit, overrides);
    }

    /** Every {@code <key>.override} parameter that is set, by key. */
    static Map<String, String> overrides(ExtensionContext context) {
        Map<String, String> overrides = new TreeMap<>();
        for (String key : KEYS) {
            parameter(context, key + OVERRIDE).ifPresent(value -> overrides.put(key + OVERRIDE, value));
        }
        return overrides;
    }

    /** {@code <key>.override}, else what the annotation says, else {@code <key>}. */
    private static Optional<String> setting(ExtensionContext context, String key, Optional<String> annotated) {
        return parameter(context, key + OVERRIDE).or(() -> annotated).or(() -> parameter(context, key));
    }

    /** One line in the test output, where the progress lines go, so a CI log shows the weakened gate. */
    private static void warnOnce(String key, String value) {
        if (WARNED.add(key + "=" + value)) {
            System.out.println("[robustgate] WARNING: " + key + "=" + value + " overrides what the annotations say;"
                    + " it is recorded in each affected result (Allure parameter and results JSON)");
        }
    }

    /** Relative paths resolve against the working directory, which surefire sets to the module. */
    static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    static Optional<String> parameter(ExtensionContext context, String key) {
        return context.getConfigurationParameter(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static int parseLimit(String value) {
        return integerParameter(SAMPLE_LIMIT, value, 0, "a sample count (0 for all)");
    }

    /**
     * {@code value} of the configuration parameter {@code key} as an integer of at least {@code min};
     * otherwise a configuration error saying it is not {@code meaning}.
     */
    static int integerParameter(String key, String value, int min, String meaning) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ExtensionConfigurationException(key + "=" + value + " is not " + meaning);
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
