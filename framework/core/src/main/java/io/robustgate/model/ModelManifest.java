package io.robustgate.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.data.GreyConversion;
import io.robustgate.data.MaskResize;
import io.robustgate.data.Preprocessing;
import io.robustgate.data.ResizeKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code robustgate-model.json} file of a model bundle: what the TorchScript module expects and
 * how its output is read. A public format, documented with an example in docs/model-bundle.md.
 *
 * <p>{@code gradientFile}, optional, names a second TorchScript module with the same signature: a
 * differentiable stand-in for a defence inside {@code file} whose gradient is useless (BPDA, Athalye,
 * Carlini &amp; Wagner 2018). Attacks then take input gradients through it, while every loss, logit
 * and Dice still comes from {@code file}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
        String name, String format, String file, ImageSpec image, MaskSpec mask, TextSpec text, OutputSpec output,
        String gradientFile) {

    /**
     * Input image geometry, the normalisation RobustGate applies inside the attacked function, and
     * how images are brought to that size: {@code resize} names the kernel (absent:
     * {@code torch-bilinear}), {@code grey} the RGB-to-grey rule for 1-channel models (absent:
     * the kernel family's).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageSpec(int height, int width, int channels, float[] mean, float[] std, String resize,
            String grey) {}

    /** How masks are brought to the model's size; absent: the nearest rule of the image kernel's family. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MaskSpec(String resize) {}

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

    /** Fields without which a manifest means nothing; numbers would otherwise read as 0. */
    private static final List<String> REQUIRED = List.of("format", "file", "image.height", "image.width",
            "image.channels", "image.mean", "image.std", "text.tokenizer", "text.contextLength", "output.kind",
            "output.threshold");

    /** Reads and validates a manifest, naming the file and the JSON field in every error. */
    public static ModelManifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelBundleException(file, "model manifest not found");
        }
        JsonNode tree;
        ModelManifest manifest;
        try {
            tree = JSON.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new ModelBundleException(file, "model manifest is not valid: expected a JSON object");
            }
            manifest = JSON.treeToValue(tree, ModelManifest.class);
        } catch (JsonMappingException e) {
            throw new ModelBundleException(file, "model manifest is not valid: " + fieldPath(e) + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ModelBundleException(file, "model manifest is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelBundleException(file, "model manifest cannot be read: " + e.getMessage(), e);
        }
        // a missing section is reported once, not once per field in it
        Set<String> missing = new LinkedHashSet<>();
        for (String field : REQUIRED) {
            firstAbsent(tree, field).ifPresent(absent -> missing.add(absent + " is missing"));
        }
        List<String> problems = new ArrayList<>(missing);
        problems.addAll(manifest.problems(tree, file.toAbsolutePath().getParent()));
        if (!problems.isEmpty()) {
            throw new ModelBundleException(file, String.join("; ", problems));
        }
        return manifest;
    }

    /**
     * The image kernel, mask resize and grey conversion this manifest asks for, with the kernel
     * family's defaults for what it leaves out. Only call on a manifest that {@link #read} accepted.
     */
    public Preprocessing preprocessing() {
        ResizeKernel kernel = image.resize() == null
                ? ResizeKernel.TORCH_BILINEAR
                : ResizeKernel.named(image.resize()).orElseThrow();
        Preprocessing preprocessing = Preprocessing.of(kernel);
        if (mask != null && mask.resize() != null) {
            preprocessing = preprocessing.withMask(MaskResize.named(mask.resize()).orElseThrow());
        }
        if (image.grey() != null) {
            preprocessing = preprocessing.withGrey(GreyConversion.named(image.grey()).orElseThrow());
        }
        return preprocessing;
    }

    private List<String> problems(JsonNode tree, Path bundleDirectory) {
        List<String> problems = new ArrayList<>();
        if (format != null && !"torchscript".equals(format)) {
            problems.add("format must be \"torchscript\" but is " + quoted(format));
        }
        if (file != null) {
            problems.addAll(insideBundle("file", file, bundleDirectory));
        }
        if (gradientFile != null) {
            problems.addAll(insideBundle("gradientFile", gradientFile, bundleDirectory));
        }
        if (image != null) {
            problems.addAll(imageProblems(tree.get("image")));
        }
        if (mask != null && mask.resize() != null && MaskResize.named(mask.resize()).isEmpty()) {
            problems.add("mask.resize " + quoted(mask.resize()) + " is unknown: use one of " + MaskResize.accepted());
        }
        if (text != null) {
            if (text.tokenizer() != null) {
                problems.addAll(insideBundle("text.tokenizer", text.tokenizer(), bundleDirectory));
            }
            if (tree.path("text").has("contextLength") && text.contextLength() < 2) {
                problems.add("text.contextLength must be at least 2 but is " + text.contextLength());
            }
        }
        if (output != null) {
            if (output.kind() != null && !"logits".equals(output.kind())) {
                problems.add("output.kind must be \"logits\" but is " + quoted(output.kind()));
            }
            if (tree.path("output").has("threshold") && !(output.threshold() > 0 && output.threshold() < 1)) {
                problems.add("output.threshold must lie in (0,1) but is " + output.threshold());
            }
        }
        return problems;
    }

    private List<String> imageProblems(JsonNode node) {
        List<String> problems = new ArrayList<>();
        for (String axis : List.of("height", "width")) {
            int value = "height".equals(axis) ? image.height() : image.width();
            if (node.has(axis) && value <= 0) {
                problems.add("image." + axis + " must be positive but is " + value);
            }
        }
        if (node.has("channels") && image.channels() != 1 && image.channels() != 3) {
            problems.add("image.channels must be 1 or 3 but is " + image.channels());
        }
        if (image.mean() != null && image.std() != null) {
            if (image.mean().length != image.channels() || image.std().length != image.channels()) {
                problems.add("image.mean and image.std need one value per channel (" + image.channels()
                        + "), but mean and std have " + image.mean().length + " and " + image.std().length);
            } else {
                for (float s : image.std()) {
                    if (!(s > 0)) {
                        problems.add("image.std values must be positive but one is " + s);
                        break;
                    }
                }
            }
        }
        if (image.resize() != null && ResizeKernel.named(image.resize()).isEmpty()) {
            problems.add("image.resize " + quoted(image.resize()) + " is unknown: use one of " + ResizeKernel.accepted());
        }
        if (image.grey() != null && GreyConversion.named(image.grey()).isEmpty()) {
            problems.add("image.grey " + quoted(image.grey()) + " is unknown: use one of " + GreyConversion.accepted());
        }
        return problems;
    }

    /**
     * A bundle is self-contained: what it names must lie inside its directory, so that copying
     * the directory copies the model. Checked on the names, as the held-out set checks its own.
     */
    private static List<String> insideBundle(String field, String name, Path bundleDirectory) {
        String problem = field + " " + quoted(name) + " lies outside the bundle directory; a bundle must be"
                + " self-contained (name a file inside it, without ../ or an absolute path)";
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            return List.of(field + " " + quoted(name) + " is not a valid file name: " + e.getReason());
        }
        Path base = bundleDirectory.normalize();
        Path resolved = base.resolve(relative).normalize();
        if (relative.isAbsolute() || !resolved.startsWith(base) || resolved.equals(base)) {
            return List.of(problem);
        }
        return List.of();
    }

    /** The shortest prefix of {@code dottedPath} that the JSON lacks (or sets to null), if any. */
    private static Optional<String> firstAbsent(JsonNode tree, String dottedPath) {
        JsonNode node = tree;
        String path = "";
        for (String part : dottedPath.split("\\.")) {
            path = path.isEmpty() ? part : path + "." + part;
            node = node.get(part);
            if (node == null || node.isNull()) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** {@code image.height: } for a value Jackson could not convert, so the error names the field. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }

    private static String quoted(String value) {
        return value == null ? "missing" : '"' + value + '"';
    }
}
