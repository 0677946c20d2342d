package io.robustgate.junit;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.report.ResultsDocument;
import io.robustgate.report.ResultsFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes one invocation's result where the Maven plugin's {@code check} and {@code report} goals
 * look: {@code <results dir>/<class>.<method>.<invocation>.json}, source {@code junit:<class>#<method>}.
 */
final class InvocationResultsFile {

    static final String RESULTS_DIR = "robustgate.results.dir";
    static final String DEFAULT_DIRECTORY = "target/robustgate/junit";

    private InvocationResultsFile() {}

    static Path write(ExtensionContext context, RobustnessResult result, int invocationIndex) {
        String className = context.getRequiredTestClass().getName();
        String methodName = context.getRequiredTestMethod().getName();
        Path directory = EvaluationTarget.absolute(
                EvaluationTarget.parameter(context, RESULTS_DIR).orElse(DEFAULT_DIRECTORY));
        Path file = directory.resolve(className + "." + methodName + "." + invocationIndex + ".json");
        ResultsFile.write(file, ResultsDocument.of("junit:" + className + "#" + methodName, List.of(result)));
        recordOverrides(file, EvaluationTarget.overrides(context));
        return file;
    }

    /** Top-level field of the results JSON that lists the {@code <key>.override} parameters in force. */
    static final String OVERRIDES_FIELD = "configurationOverrides";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Adds {@value #OVERRIDES_FIELD} to a written results file, so that a gate weakened by an
     * override says so wherever the file goes. Added as an extra field of the JSON, outside
     * {@link ResultsDocument}'s record (readers ignore unknown fields), so the results format's
     * records stay as they are; non-finite numbers are strings in these files, so the tree
     * round-trips them unchanged.
     */
    static void recordOverrides(Path file, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return;
        }
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
            ObjectNode field = document.putObject(OVERRIDES_FIELD);
            overrides.forEach(field::put);
            JSON.writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record configuration overrides in " + file, e);
        }
    }
}
