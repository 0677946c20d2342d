package io.robustgate.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.robustgate.GoldenFixture;
import io.robustgate.evaluation.RobustnessEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    @TempDir
    Path temp;

    private static String message(Path bundle) {
        return assertThrows(ModelBundleException.class, () -> ModelBundle.load(bundle, Device.cpu()).close()).getMessage();
    }

    @Test
    void manifestExampleFromTheReadmeParses() throws IOException {
        Path file = temp.resolve(ModelManifest.FILE_NAME);
        Files.writeString(file, """
                {"name": "kvasir-clipseg", "format": "torchscript", "file": "model.pt",
                 "image": {"height": 352, "width": 352, "channels": 3,
                           "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711],
                           "resize": "bilinear"},
                 "text": {"tokenizer": "tokenizer.json", "contextLength": 77, "padToContext": true},
                 "output": {"kind": "logits", "threshold": 0.5}}""");
        ModelManifest manifest = ModelManifest.read(file);
        assertEquals("kvasir-clipseg", manifest.name());
        assertEquals(352, manifest.image().height());
        assertArrayEquals(new float[] {0.26862954f, 0.26130258f, 0.27577711f}, manifest.image().std());
        assertEquals(77, manifest.text().contextLength());
        assertEquals(0.5, manifest.output().threshold());
    }

    @Test
    void invalidManifestListsEveryProblem() throws IOException {
        Files.writeString(temp.resolve(ModelManifest.FILE_NAME), """
                {"name": "x", "format": "onnx", "file": "model.pt",
                 "image": {"height": 8, "width": 8, "channels": 3, "mean": [0.5], "std": [0.5, 0.5, 0.5]},
                 "text": {"tokenizer": "tokenizer.json", "contextLength": 77},
                 "output": {"kind": "probabilities", "threshold": 0.5}}""");
        String message = message(temp);
        assertTrue(message.contains(ModelManifest.FILE_NAME) && message.contains("onnx")
                && message.contains("mean and std") && message.contains("probabilities"), message);
    }

    @Test
    void missingDirectoryManifestOrModuleIsNamed() throws IOException {
        assertTrue(message(temp.resolve("nowhere")).contains("nowhere"));
        assertTrue(message(temp).contains(ModelManifest.FILE_NAME + ": model manifest not found"));
        Files.copy(GoldenFixture.BUNDLE.resolve(ModelManifest.FILE_NAME), temp.resolve(ModelManifest.FILE_NAME));
        assertTrue(message(temp).contains("model.pt: TorchScript file named in"), message(temp));
    }

    @Test
    void aFileWhereTheBundleDirectoryBelongsIsCalledAFile() throws IOException {
        Path moduleFile = Files.copy(GoldenFixture.BUNDLE.resolve(ModelManifest.FILE_NAME), temp.resolve("model.pt"));
        assertEquals(moduleFile + ": is a file, not a model bundle directory: name the folder that holds "
                + ModelManifest.FILE_NAME + " and the TorchScript file", message(moduleFile));
        assertEquals("model bundle directory " + moduleFile + " is a file, not a directory: name the folder that holds "
                + ModelManifest.FILE_NAME + " and the TorchScript file", ModelBundle.locationProblem(moduleFile).orElseThrow());
        assertEquals("model bundle directory " + temp.resolve("nowhere") + " does not exist",
                ModelBundle.locationProblem(temp.resolve("nowhere")).orElseThrow());
        assertTrue(ModelBundle.locationProblem(temp).isEmpty());
    }

    @Test
    void corruptTorchScriptIsNamed() throws IOException {
        for (String file : List.of(ModelManifest.FILE_NAME, "tokenizer.json")) {
            Files.copy(GoldenFixture.BUNDLE.resolve(file), temp.resolve(file));
        }
        Files.writeString(temp.resolve("model.pt"), "not a TorchScript archive");
        String message = message(temp);
        assertTrue(message.contains("model.pt") && message.contains("cannot load TorchScript"), message);
    }

    @Test
    void forwardWithTheWrongArityIsRefusedAtLoad() {
        String message = message(GoldenFixture.BAD_MODELS.resolve("wrong-arity"));
        assertTrue(message.contains("wrong-arity/model.pt") && message.contains("forward(pixel_values"), message);
    }

    @Test
    void forwardWithTheWrongOutputShapeIsRefusedAtLoad() {
        String message = message(GoldenFixture.BAD_MODELS.resolve("wrong-output"));
        assertTrue(message.contains("wrong-output/model.pt") && message.contains("[1, 2, 48, 64]")
                && message.contains("[B,1,48,64]"), message);
    }

    @Test
    void nanLogitsStopTheRunNamingModelAndImage() {
        try (ModelBundle bundle = ModelBundle.load(GoldenFixture.BAD_MODELS.resolve("nan-output"), Device.cpu())) {
            RobustnessEvaluator evaluator = GoldenFixture.quietEvaluator(bundle, 16);
            String message = assertThrows(ModelBundleException.class, evaluator::cleanPass).getMessage();
            assertTrue(message.contains("nan-output/model.pt") && message.contains("NaN logits")
                    && message.contains(".png"), message);
        }
    }

    @Test
    void modelStaysInEvalModeThroughAttacks() {
        // The fixture is scripted with Dropout and BatchNorm: train mode would change its logits.
        try (ModelBundle bundle = GoldenFixture.loadBundle()) {
            RobustnessEvaluator evaluator = GoldenFixture.quietEvaluator(bundle, 16);
            double before = evaluator.cleanPass().meanDice();
            evaluator.evaluate(io.robustgate.attack.AttackSpec.pgd(8 / 255f).withSteps(3));
            RobustnessEvaluator fresh = GoldenFixture.quietEvaluator(bundle, 16);
            double expected = meanOf(GoldenFixture.golden().get("clean").get("dice"));
            assertEquals(expected, before, 1e-3, "eval-mode Dice before attacking");
            assertEquals(before, fresh.cleanPass().meanDice(), 0.0, "BatchNorm statistics untouched by the attack");
        }
    }

    private static double meanOf(com.fasterxml.jackson.databind.JsonNode values) {
        double sum = 0;
        for (com.fasterxml.jackson.databind.JsonNode v : values) {
            sum += v.asDouble();
        }
        return sum / values.size();
    }
}
