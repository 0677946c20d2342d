package io.robustgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.Shard;
import io.robustgate.report.WorstSamplePictures;
import io.robustgate.results.PerturbationFile;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one evaluation both {@code robustgate:evaluate} and the CLI run, on the golden fixture. */
class EvaluationRunTest {

    @TempDir
    Path folder;

    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private final EvaluationRun.Listener listener = new EvaluationRun.Listener() {
        @Override
        public void info(String message) {
            infos.add(message);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    private EvaluationRun.Settings settings(Path model, int batchSize) {
        return new EvaluationRun.Settings(model, GoldenFixture.HELD_OUT, "test", "p1", 0, "cpu", batchSize, null,
                Shard.WHOLE, null, folder.resolve("results/evaluate.json"), "test:evaluate", "mvn");
    }

    @Test
    void writesTheResultsThePicturesAndTheFittedPerturbation() throws Exception {
        List<EvaluationRun.Attack> attacks = List.of(
                new EvaluationRun.Attack(AttackSpec.of(AttackNames.UNIVERSAL, 2 / 255f, Map.of("epochs", 1)), Analyses.NONE),
                new EvaluationRun.Attack(AttackSpec.of(AttackNames.FGSM, 1 / 255f, Map.of()), Analyses.NONE));

        ResultsDocument document = EvaluationRun.run(settings(GoldenFixture.BUNDLE, 100000), attacks, listener);

        Path results = folder.resolve("results/evaluate.json");
        ResultsDocument written = ResultsFile.read(results);
        assertEquals("test:evaluate", written.source());
        assertEquals(2, written.results().size());
        assertEquals(document.results().size(), written.results().size());
        assertTrue(Files.isRegularFile(folder.resolve("results/evaluate.0" + PerturbationFile.SUFFIX)), "δ of UNIVERSAL");
        assertFalse(Files.exists(folder.resolve("results/evaluate.1" + PerturbationFile.SUFFIX)), "FGSM fits nothing");
        try (Stream<Path> pictures = Files.walk(folder.resolve("results").resolve(WorstSamplePictures.FOLDER))) {
            assertTrue(pictures.anyMatch(p -> p.toString().endsWith(WorstSamplePictures.PANEL)), "worst-sample panels");
        }
        assertTrue(infos.get(0).startsWith("Attacking "), infos.toString());
        assertTrue(infos.stream().anyMatch(m -> m.startsWith("Batch size ")), infos.toString());
        assertTrue(infos.stream().anyMatch(m -> m.startsWith("Wrote the fitted perturbation to ")), infos.toString());
        assertEquals("Wrote 2 result(s) to " + results, infos.get(infos.size() - 1));
        assertTrue(warnings.stream().anyMatch(m -> m.startsWith("batchSize: batch size 100000 is more than")), warnings.toString());
    }

    @Test
    void aMissingModelIsAnInputProblemAndWritesNothing() {
        Path missing = folder.resolve("none");
        EvaluationRunException problem = assertThrows(EvaluationRunException.class, () -> EvaluationRun.run(
                settings(missing, EvaluationOptions.AUTO_BATCH_SIZE), List.of(), listener));

        assertEquals(EvaluationRunException.Kind.INPUT, problem.kind());
        assertEquals("model: model bundle directory " + missing + " does not exist", problem.getMessage());
        assertFalse(Files.exists(folder.resolve("results")));
    }
}
