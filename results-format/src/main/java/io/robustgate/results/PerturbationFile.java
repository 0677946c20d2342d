package io.robustgate.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.attack.EpsFormat;
import io.robustgate.attack.UniversalPerturbation;
import io.robustgate.evaluation.RobustnessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted universal perturbation as a lossless file that can be applied again: the safetensors
 * layout (an 8-byte little-endian header length, a JSON header, then the raw tensor), holding one
 * float32 little-endian tensor {@code delta} of shape {@code [C,H,W]} in [0,1] pixel units, with
 * the attack and budget as metadata. Safetensors because Python reads it as it is
 * ({@code safetensors.numpy.load_file(f)["delta"]}); not {@code .json}, because results directories
 * are scanned for results JSON.
 */
public final class PerturbationFile {

    public static final String SUFFIX = ".delta.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PerturbationFile() {}

    /**
     * Writes the perturbation of {@code result}, if its attack fitted one, beside {@code resultsFile}
     * ({@code x.json} → {@code x.delta.safetensors}).
     */
    public static Optional<Path> writeBeside(Path resultsFile, RobustnessResult result) {
        if (result.fit() == null || result.fit().perturbation() == null) {
            return Optional.empty();
        }
        String name = resultsFile.getFileName().toString().replaceFirst("\\.json$", "");
        Path file = resultsFile.resolveSibling(name + SUFFIX);
        write(file, result.fit().perturbation(), Map.of("attack", result.displayName(),
                "eps", EpsFormat.format(result.attack().eps())));
        return Optional.of(file);
    }

    /**
     * Writes the fitted perturbation of each of a document's {@code results} beside {@code resultsFile},
     * numbered by the result's position ({@code evaluate.json} → {@code evaluate.2.delta.safetensors}),
     * so that each can be applied again: what every front-end that writes several results to one file
     * ({@code robustgate:evaluate}, the CLI's {@code evaluate}) does.
     *
     * @return the files written, none when no attack fitted a perturbation
     */
    public static java.util.List<Path> writeBesideEach(Path resultsFile, java.util.List<RobustnessResult> results) {
        String stem = resultsFile.getFileName().toString().replaceFirst("\\.json$", "");
        java.util.List<Path> written = new java.util.ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            writeBeside(resultsFile.resolveSibling(stem + "." + i + ".json"), results.get(i)).ifPresent(written::add);
        }
        return written;
    }

    public static void write(Path file, UniversalPerturbation perturbation, Map<String, String> metadata) {
        float[] delta = perturbation.delta();
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("dtype", "F32");
        tensor.put("shape", List.of(perturbation.channels(), perturbation.height(), perturbation.width()));
        tensor.put("data_offsets", List.of(0, delta.length * 4));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", metadata);
        header.put("delta", tensor);
        try {
            byte[] headerBytes = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
            ByteBuffer bytes = ByteBuffer.allocate(8 + headerBytes.length + delta.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.putLong(headerBytes.length).put(headerBytes);
            bytes.asFloatBuffer().put(delta);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the perturbation to " + file, e);
        }
    }

    /** The perturbation a {@link #write} stored (its fitting losses are not stored: they are in the results). */
    public static UniversalPerturbation read(Path file) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int headerLength = (int) bytes.getLong();
            byte[] headerBytes = new byte[headerLength];
            bytes.get(headerBytes);
            JsonNode tensor = JSON.readTree(headerBytes).get("delta");
            if (tensor == null || !"F32".equals(tensor.path("dtype").asText())) {
                throw new IllegalArgumentException(file + ": no float32 tensor 'delta' in the header");
            }
            JsonNode shape = tensor.get("shape");
            float[] delta = new float[shape.get(0).asInt() * shape.get(1).asInt() * shape.get(2).asInt()];
            bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(delta);
            return new UniversalPerturbation(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt(), delta, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the perturbation " + file, e);
        }
    }
}
