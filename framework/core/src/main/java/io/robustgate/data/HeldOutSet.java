package io.robustgate.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A held-out set in the medvlsm layout that VLSM fine-tuning code uses:
 * {@code <root>/anns/<split>.json}, {@code <root>/images/}, {@code <root>/masks/}.
 */
public final class HeldOutSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final String split;
    private final PromptChoice promptChoice;
    private final List<Sample> samples;

    private HeldOutSet(Path root, String split, PromptChoice promptChoice, List<Sample> samples) {
        this.root = root;
        this.split = split;
        this.promptChoice = promptChoice;
        this.samples = List.copyOf(samples);
    }

    /**
     * Why {@code root} cannot be a held-out set, before anything is read: it does not exist, or it
     * is a file (an annotation file or an image, where the set's root was meant).
     */
    public static java.util.Optional<String> locationProblem(Path root) {
        if (root != null && Files.isDirectory(root)) {
            return java.util.Optional.empty();
        }
        if (root != null && Files.exists(root)) {
            return java.util.Optional.of("held-out set directory " + root + " is a file, not a directory: name the root"
                    + " that holds anns/, images/ and masks/");
        }
        return java.util.Optional.of("held-out set directory " + root + " does not exist");
    }

    public static HeldOutSet load(Path root, String split, PromptChoice promptChoice) {
        Path normalisedRoot = root.toAbsolutePath().normalize();
        if (Files.exists(normalisedRoot) && !Files.isDirectory(normalisedRoot)) {
            throw new DataSetException(root, "is a file, not a held-out set directory: name the root that holds anns/,"
                    + " images/ and masks/");
        }
        if (!Files.isDirectory(normalisedRoot)) {
            throw new DataSetException(root, "held-out set directory not found");
        }
        Path annotations = normalisedRoot.resolve("anns").resolve(split + ".json");
        if (!Files.isRegularFile(annotations)) {
            throw new DataSetException(annotations, "annotation file for split '" + split + "' not found");
        }
        JsonNode entries;
        try {
            entries = JSON.readTree(annotations.toFile());
        } catch (IOException e) {
            throw new DataSetException(annotations, "annotation JSON does not parse: " + e.getMessage(), e);
        }
        if (entries == null || !entries.isArray()) {
            throw new DataSetException(annotations, "annotation JSON must be a list of {img_name, mask_name, prompts}");
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            samples.addAll(new AnnotationEntry(annotations, normalisedRoot, i, entries.get(i)).samples(promptChoice));
        }
        if (samples.isEmpty()) {
            throw new DataSetException(annotations, "no samples in split '" + split + "'");
        }
        long withSpacing = samples.stream().filter(s -> s.spacing() != null).count();
        if (withSpacing > 0 && withSpacing < samples.size()) {
            Sample without = samples.stream().filter(s -> s.spacing() == null).findFirst().orElseThrow();
            // A mean of millimetres and pixels would be a silent wrong number.
            throw new DataSetException(annotations, "\"pixel_spacing_mm\" is given for some entries but not for "
                    + without.imageName() + ": give it for every entry (boundary metrics in mm) or for none (in pixels)");
        }
        return new HeldOutSet(normalisedRoot, split, promptChoice, samples);
    }

    public Path root() {
        return root;
    }

    public String split() {
        return split;
    }

    public PromptChoice promptChoice() {
        return promptChoice;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The first {@code limit} samples (all when {@code limit <= 0}), for quick runs. */
    public HeldOutSet limit(int limit) {
        if (limit <= 0 || limit >= samples.size()) {
            return this;
        }
        return new HeldOutSet(root, split, promptChoice, samples.subList(0, limit));
    }

    /** The samples {@code keep} accepts, in their order: e.g. those a set-level attack was not fitted on. */
    public HeldOutSet only(java.util.function.Predicate<Sample> keep) {
        List<Sample> kept = samples.stream().filter(keep).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no sample of " + name() + " is left to evaluate");
        }
        return new HeldOutSet(root, split, promptChoice, kept);
    }

    /** {@code mm} when the annotation gives every image's pixel spacing, {@code px} otherwise: the unit of HD95 and NSD's tolerance. */
    public String distanceUnit() {
        return samples.get(0).spacing() == null ? "px" : "mm";
    }

    /** A readable name: the directory name and split. */
    public String name() {
        return root.getFileName() + "/" + split;
    }

    /** One annotation entry, validated, expanded into samples. */
    private record AnnotationEntry(Path annotations, Path root, int index, JsonNode node) {

        List<Sample> samples(PromptChoice choice) {
            String imageName = text("img_name");
            String maskName = text("mask_name");
            Path imageFile = inside("images", imageName);
            Path maskFile = inside("masks", maskName);
            JsonNode prompts = node.get("prompts");
            if (prompts == null || !prompts.isObject()) {
                throw problem("has no \"prompts\" object");
            }
            PixelSpacing spacing = spacing();
            List<Sample> samples = new ArrayList<>();
            if (choice.isAll()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = prompts.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> prompt = it.next();
                    List<String> variants = variants(prompt.getKey(), prompt.getValue());
                    for (int v = 0; v < variants.size(); v++) {
                        String key = variants.size() == 1 ? prompt.getKey() : prompt.getKey() + "[" + v + "]";
                        if (!variants.get(v).isBlank()) {
                            samples.add(new Sample(imageName, maskName, key, variants.get(v), imageFile, maskFile, spacing));
                        }
                    }
                }
            } else {
                JsonNode value = prompts.get(choice.key());
                if (value == null) {
                    List<String> keys = new ArrayList<>();
                    prompts.fieldNames().forEachRemaining(keys::add);
                    throw problem("has no prompt '" + choice.key() + "' (available: " + String.join(", ", keys) + ")");
                }
                samples.add(new Sample(imageName, maskName, choice.key(), variants(choice.key(), value).get(0),
                        imageFile, maskFile, spacing));
            }
            return samples;
        }

        private List<String> variants(String key, JsonNode value) {
            List<String> variants = new ArrayList<>();
            if (value.isTextual()) {
                variants.add(value.asText());
            } else if (value.isArray() && value.size() > 0) {
                value.forEach(v -> variants.add(v.asText()));
            } else {
                throw problem("prompt '" + key + "' must be a string or a non-empty list of strings");
            }
            return variants;
        }

        /** {@code "pixel_spacing_mm"}: one number (square pixels) or [rows, columns]; null when absent. */
        private PixelSpacing spacing() {
            JsonNode value = node.get("pixel_spacing_mm");
            if (value == null || value.isNull()) {
                return null;
            }
            double rows;
            double columns;
            if (value.isNumber()) {
                rows = value.asDouble();
                columns = rows;
            } else if (value.isArray() && value.size() == 2 && value.get(0).isNumber() && value.get(1).isNumber()) {
                rows = value.get(0).asDouble();
                columns = value.get(1).asDouble();
            } else {
                throw problem("has \"pixel_spacing_mm\": " + value + ", but it is one number or [rows, columns] in millimetres");
            }
            if (!(rows > 0) || !(columns > 0) || Double.isInfinite(rows) || Double.isInfinite(columns)) {
                throw problem("has \"pixel_spacing_mm\": " + value + ", but a pixel's size is positive and finite");
            }
            return new PixelSpacing(rows, columns);
        }

        private String text(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw problem("has no \"" + field + "\"");
            }
            return value.asText();
        }

        /** Refuses names that would read outside the data set ({@code ../}, absolute paths). */
        private Path inside(String folder, String name) {
            Path base = root.resolve(folder);
            Path relative = Path.of(name);
            Path file = base.resolve(relative).normalize();
            if (relative.isAbsolute() || !file.startsWith(base)) {
                throw problem("file name '" + name + "' escapes the data set's " + folder + "/ folder; refused");
            }
            return file;
        }

        private DataSetException problem(String what) {
            return new DataSetException(annotations, "entry " + index + " " + what);
        }
    }
}
