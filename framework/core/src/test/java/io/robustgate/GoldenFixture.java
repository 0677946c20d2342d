package io.robustgate;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The PyTorch reference written by {@code python/make_golden.py}: a tiny scripted VLSM, six
 * held-out samples and the logits, gradients and adversarial images PyTorch computed for them.
 */
public final class GoldenFixture {

    /**
     * Core's own test resources; the results-format and report modules, which use this class from
     * core's test jar, point {@code robustgate.golden} at the same folder.
     */
    public static final Path ROOT = Path.of(System.getProperty("robustgate.golden", "src/test/resources/golden"));
    public static final Path BUNDLE = ROOT.resolve("fixture-bundle");
    public static final Path HELD_OUT = ROOT.resolve("heldout");
    public static final Path BAD_MODELS = ROOT.resolve("bad-models");

    private static JsonNode golden;

    private GoldenFixture() {}

    public static synchronized JsonNode golden() {
        if (golden == null) {
            try {
                golden = new ObjectMapper().readTree(ROOT.resolve("golden.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return golden;
    }

    /** A raw little-endian float32 array named in golden.json. */
    public static float[] array(String name) {
        return Float32Files.read(ROOT.resolve(golden().get("arrays").get(name).get("file").asText()));
    }

    public static JsonNode attack(String name) {
        for (JsonNode attack : golden().get("attacks")) {
            if (attack.get("name").asText().equals(name)) {
                return attack;
            }
        }
        throw new IllegalArgumentException("no golden attack " + name);
    }

    public static ModelBundle loadBundle() {
        return ModelBundle.load(BUNDLE, Device.cpu());
    }

    /** An evaluator over the golden held-out set that prints no progress. */
    public static RobustnessEvaluator quietEvaluator(ModelBundle bundle, int batchSize) {
        return new RobustnessEvaluator(bundle, heldOutSet(),
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(batchSize));
    }

    public static HeldOutSet heldOutSet() {
        return HeldOutSet.load(HELD_OUT, "test", PromptChoice.DEFAULT);
    }
}
