package io.robustgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.data.DecodedImage;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.CleanPass;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end at original size: four 400x270 HC18 images (one RGB) through the golden fixture
 * model (64x48 input). With {@code "resize": "pil-bilinear"} the per-sample clean Dice equals a
 * PyTorch evaluation that resizes with PIL ({@code Image.BILINEAR}, masks {@code NEAREST}); with
 * {@code "bilinear"} it equals one that resizes with {@code F.interpolate}. Both references were
 * computed by {@code python/make_resize_golden.py}.
 */
class OriginalSizeResizeTest {

    private static final Path ROOT = Path.of("src/test/resources/resize");

    @TempDir
    Path temp;

    /** The fixture bundle, copied so that its manifest can name another kernel (a bundle is self-contained). */
    private Path bundleWithResize(String resize) throws IOException {
        Path bundle = Files.createDirectories(temp.resolve(resize));
        Files.copy(GoldenFixture.BUNDLE.resolve("model.pt"), bundle.resolve("model.pt"));
        Files.copy(GoldenFixture.BUNDLE.resolve("tokenizer.json"), bundle.resolve("tokenizer.json"));
        String manifest = Files.readString(GoldenFixture.BUNDLE.resolve(ModelManifest.FILE_NAME));
        assertTrue(manifest.contains("\"resize\": \"bilinear\""));
        Files.writeString(bundle.resolve(ModelManifest.FILE_NAME),
                manifest.replace("\"resize\": \"bilinear\"", "\"resize\": \"" + resize + "\""));
        return bundle;
    }

    private double[] cleanDice(String resize, JsonNode expected) throws IOException {
        HeldOutSet set = HeldOutSet.load(ROOT.resolve("heldout-original-size"), "test", PromptChoice.DEFAULT);
        try (ModelBundle bundle = ModelBundle.load(bundleWithResize(resize), Device.cpu())) {
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set,
                    EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE));
            CleanPass clean = evaluator.cleanPass();
            double[] dice = new double[clean.overlaps().size()];
            assertEquals(expected.size(), dice.length);
            for (int i = 0; i < dice.length; i++) {
                assertEquals(expected.get(i).get("image").asText(), evaluator.samples().get(i).sample().imageName());
                DecodedImage original = DecodedImage.read(evaluator.samples().get(i).sample().imageFile());
                assertEquals(400 * 270, original.width() * original.height(), "resized here, not beforehand");
                dice[i] = clean.overlaps().get(i).dice();
            }
            return dice;
        }
    }

    @Test
    void pilBilinearGivesTheDiceOfAPytorchEvaluationThatResizesWithPil() throws IOException {
        JsonNode samples = new ObjectMapper().readTree(ROOT.resolve("e2e.json").toFile()).get("samples");
        double[] pil = cleanDice("pil-bilinear", samples);
        double[] torch = cleanDice("bilinear", samples);
        double largestGap = 0;
        for (int i = 0; i < samples.size(); i++) {
            String image = samples.get(i).get("image").asText();
            assertEquals(samples.get(i).get("pilBilinearDice").asDouble(), pil[i], 1e-3, image + " pil-bilinear");
            assertEquals(samples.get(i).get("torchBilinearDice").asDouble(), torch[i], 1e-3, image + " bilinear");
            largestGap = Math.max(largestGap, Math.abs(pil[i] - torch[i]));
        }
        // the check has teeth: the wrong kernel misses the reference by far more than 1e-3
        assertTrue(largestGap > 0.05, "kernels should disagree at this reduction, largest gap " + largestGap);
    }
}
