package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleArtifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The worst samples' pictures of a result, kept beside its results JSON so that a report made later
 * (the dashboard, from JSON only) can show them: {@code pictures/<key>/<sample id>.panel.png} (a
 * {@link SamplePanel}) and {@code .overlay.png} (a {@link MaskOverlay}). The key is derived from the
 * document's source and the result's identity, so it survives moving or merging results folders
 * and needs no field in the results JSON.
 */
public final class WorstSamplePictures {

    public static final String FOLDER = "pictures";
    public static final String PANEL = ".panel.png";
    public static final String OVERLAY = ".overlay.png";
    /** A set-level attack's fitted perturbation, amplified ({@link PerturbationPicture}). */
    public static final String DELTA = "delta.png";

    /** A sample's two pictures, as PNG bytes. */
    public record Pictures(byte[] panel, byte[] overlay) {}

    private WorstSamplePictures() {}

    /** Writes the kept worst samples of {@code result} under {@code resultsFolder}; returns their folder. */
    public static Path write(Path resultsFolder, String source, RobustnessResult result) {
        Path folder = resultsFolder.resolve(FOLDER).resolve(key(source, result));
        try {
            Files.createDirectories(folder);
            for (SampleArtifacts sample : result.worstArtifacts()) {
                String name = fileName(sample.sample().id());
                Files.write(folder.resolve(name + PANEL), new SamplePanel(sample, result).png());
                Files.write(folder.resolve(name + OVERLAY), new MaskOverlay(sample).png());
            }
            if (result.fit() != null && result.fit().perturbation() != null) {
                Files.write(folder.resolve(DELTA), new PerturbationPicture(result.fit().perturbation()).png());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the worst samples' pictures to " + folder, e);
        }
        return folder;
    }

    /**
     * The pictures of {@code result} found under any of {@code folders} (searched recursively for
     * {@code pictures/<key>}), by sample id; empty when none were kept.
     */
    public static Map<String, Pictures> read(List<Path> folders, String source, RobustnessResult result) {
        String key = key(source, result);
        Map<String, Pictures> pictures = new LinkedHashMap<>();
        for (Path root : folders) {
            Optional<Path> folder = find(root, key);
            if (folder.isEmpty()) {
                continue;
            }
            for (var sample : result.samples()) {
                Path panel = folder.get().resolve(fileName(sample.sampleId()) + PANEL);
                Path overlay = folder.get().resolve(fileName(sample.sampleId()) + OVERLAY);
                if (Files.isRegularFile(panel) && Files.isRegularFile(overlay)) {
                    try {
                        pictures.putIfAbsent(sample.sampleId(),
                                new Pictures(Files.readAllBytes(panel), Files.readAllBytes(overlay)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the pictures in " + folder.get(), e);
                    }
                }
            }
        }
        return pictures;
    }

    /** The amplified fitted perturbation of {@code result}, if its attack fitted one and it was kept. */
    public static Optional<byte[]> readDelta(List<Path> folders, String source, RobustnessResult result) {
        String key = key(source, result);
        for (Path root : folders) {
            Optional<Path> delta = find(root, key).map(f -> f.resolve(DELTA)).filter(Files::isRegularFile);
            if (delta.isPresent()) {
                try {
                    return Optional.of(Files.readAllBytes(delta.get()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + delta.get(), e);
                }
            }
        }
        return Optional.empty();
    }

    /** Twelve hex digits of SHA-256 over what tells results apart: source, model, data, prompt, attack. */
    public static String key(String source, RobustnessResult result) {
        String identity = String.join("\n", String.valueOf(source), String.valueOf(result.model()),
                String.valueOf(result.dataset()), String.valueOf(result.split()), String.valueOf(result.prompt()),
                result.attack().displayName());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Optional<Path> find(Path root, String key) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.getFileName().toString().equals(key) && p.getParent() != null
                    && p.getParent().getFileName().toString().equals(FOLDER) && Files.isDirectory(p)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + root + " for pictures", e);
        }
    }

    /** Sample ids are file stems already, but may hold a folder separator. */
    private static String fileName(String sampleId) {
        return sampleId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
