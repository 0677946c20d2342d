package io.robustgate.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code robustgate-model.json} file of a model bundle: what the TorchScript module expects and
 * how its output is read. A public format, documented with an example in the README.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
        String name, String format, String file, ImageSpec image, TextSpec text, OutputSpec output) {

    /** Input image geometry and the normalisation RobustGate applies inside the attacked function. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageSpec(int height, int width, int channels, float[] mean, float[] std, String resize) {}

    /** Where the Hugging Face tokenizer lives and how prompts are padded. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextSpec(String tokenizer, int contextLength, Boolean padToContext) {

        /** Padding to the full context is the default: traced CLIP text encoders expect it. */
        public boolean padsToContext() {
            return padToContext == null || padToContext;
        }
    }

    /** What the module returns; only logits are supported. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputSpec(String kind, double threshold) {}

    public static final String FILE_NAME = "robustgate-model.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads and validates a manifest, naming the file in every error. */
    public static ModelManifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelBundleException(file, "model manifest not found");
        }
        ModelManifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), ModelManifest.class);
        } catch (JsonProcessingException e) {
            throw new ModelBundleException(file, "model manifest is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelBundleException(file, "model manifest cannot be read: " + e.getMessage(), e);
        }
        List<String> problems = manifest.problems();
        if (!problems.isEmpty()) {
            throw new ModelBundleException(file, String.join("; ", problems));
        }
        return manifest;
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!"torchscript".equals(format)) {
            problems.add("format must be \"torchscript\" but is " + quoted(format));
        }
        if (file == null || file.isBlank()) {
            problems.add("\"file\" (the TorchScript file) is missing");
        }
        if (image == null) {
            problems.add("\"image\" section is missing");
        } else {
            if (image.height() <= 0 || image.width() <= 0) {
                problems.add("image height and width must be positive");
            }
            if (image.channels() != 1 && image.channels() != 3) {
                problems.add("image channels must be 1 or 3 but is " + image.channels());
            }
            if (image.mean() == null || image.mean().length != image.channels()
                    || image.std() == null || image.std().length != image.channels()) {
                problems.add("image mean and std need one value per channel (" + image.channels() + ")");
            } else {
                for (float s : image.std()) {
                    if (!(s > 0)) {
                        problems.add("image std values must be positive");
                        break;
                    }
                }
            }
            if (image.resize() != null && !"bilinear".equals(image.resize())) {
                problems.add("image resize must be \"bilinear\" but is " + quoted(image.resize()));
            }
        }
        if (text == null || text.tokenizer() == null) {
            problems.add("\"text.tokenizer\" (the tokenizer.json file) is missing");
        } else if (text.contextLength() < 2) {
            problems.add("text contextLength must be at least 2");
        }
        if (output == null) {
            problems.add("\"output\" section is missing");
        } else {
            if (!"logits".equals(output.kind())) {
                problems.add("output kind must be \"logits\" but is " + quoted(output.kind()));
            }
            if (!(output.threshold() > 0 && output.threshold() < 1)) {
                problems.add("output threshold must lie in (0,1) but is " + output.threshold());
            }
        }
        return problems;
    }

    private static String quoted(String value) {
        return value == null ? "missing" : '"' + value + '"';
    }
}
