package io.robustgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.CleanPass;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bundle, loaded through the engine, scores what the training script reported for it
 * ({@code python/training-report.json}): the Java preprocessing and the Python one agree.
 */
class SampleModelReproducesTrainingTest {

    @Test
    void cleanDiceOnTheShippedSubsetMatchesTheTrainingReport() throws IOException {
        JsonNode subset = new ObjectMapper().readTree(Path.of("python/training-report.json").toFile()).get("test_subset");
        try (ModelBundle bundle = ModelBundle.load(Path.of("src/test/resources/models/hc18"), Device.cpu())) {
            HeldOutSet set = HeldOutSet.load(Path.of("src/test/resources/hc18"), "test", PromptChoice.DEFAULT);
            CleanPass clean = new RobustnessEvaluator(bundle, set,
                    EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE)).cleanPass();
            assertEquals(subset.get("n").asInt(), set.samples().size());
            assertEquals(subset.get("mean_dice").asDouble(), clean.meanDice(), 1e-3, "mean clean Dice");
            assertEquals(subset.get("mean_iou").asDouble(), clean.meanIou(), 1e-3, "mean clean IoU");
            for (int i = 0; i < set.samples().size(); i++) {
                String image = set.samples().get(i).imageName();
                double reported = subset.get("per_sample").get(image).get("dice").asDouble();
                assertTrue(Math.abs(reported - clean.overlaps().get(i).dice()) < 5e-3,
                        image + ": Java " + clean.overlaps().get(i).dice() + " vs Python " + reported);
            }
        }
    }
}
