package io.robustgate.junit;

import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.RecordedGate;
import io.robustgate.gate.RobustnessGate;
import io.robustgate.results.PerturbationFile;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import io.robustgate.report.WorstSamplePictures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes one invocation's result where the Maven plugin's {@code check} and {@code report} goals
 * look: {@code <results dir>/<class>.<method>.<invocation>.json}, source {@code junit:<class>#<method>},
 * with the model and data hashes and, in a sharded run, the shard, so that the goals can merge shards.
 */
final class InvocationResultsFile {

    static final String RESULTS_DIR = "robustgate.results.dir";
    static final String DEFAULT_DIRECTORY = "target/robustgate/junit";

    private InvocationResultsFile() {}

    static Path write(ExtensionContext context, RobustnessResult result, RobustnessGate gate, int invocationIndex,
            RobustnessEvaluator evaluator) {
        String className = context.getRequiredTestClass().getName();
        String methodName = context.getRequiredTestMethod().getName();
        Path directory = EvaluationTarget.absolute(
                EvaluationTarget.parameter(context, RESULTS_DIR).orElse(DEFAULT_DIRECTORY));
        Path file = directory.resolve(className + "." + methodName + "." + invocationIndex + ".json");
        // A gate weakened by an override says so wherever the file goes.
        ResultsFile.write(file, ResultsDocument.of("junit:" + className + "#" + methodName, List.of(result), evaluator)
                .withConfigurationOverrides(EvaluationTarget.overrides(context))
                .withGate(RecordedGate.of(gate)));
        PerturbationFile.writeBeside(file, result);
        WorstSamplePictures.write(directory, "junit:" + className + "#" + methodName, result);
        return file;
    }

}
