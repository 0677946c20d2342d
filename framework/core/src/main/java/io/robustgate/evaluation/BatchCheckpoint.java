package io.robustgate.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.robustgate.attack.AttackSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The finished batches of one attack, one JSON line per batch with its per-sample results, so that
 * a killed run resumes where it stopped: batches found here are not attacked again, and since a
 * batch is a block of samples chosen by identity ({@link SampleBlocks}) and each sample's seed
 * comes from its identity, the resumed run's results equal an uninterrupted run's.
 *
 * <p>A checkpoint is keyed by what its results depend on: RobustGate version, model and data set
 * content ({@link Provenance}), the attack's full settings and the batch size. The key's hash is
 * in the file name ({@code <attack>-<hash>.jsonl}) and the key itself in the first line; a file
 * for the same attack with another key is not used, and the run says so. A last line cut short
 * by the kill is dropped.
 */
final class BatchCheckpoint {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final Path file;
    private final Map<String, SampleResult> finished;

    private BatchCheckpoint(Path file, Map<String, SampleResult> finished) {
        this.file = file;
        this.finished = finished;
    }

    static BatchCheckpoint open(Path directory, Provenance provenance, AttackSpec spec, int batchSize,
            boolean earlyExit, ProgressListener log) {
        ObjectNode key = JSON.createObjectNode();
        key.set("provenance", JSON.valueToTree(provenance));
        key.set("attack", JSON.valueToTree(spec));
        key.put("batchSize", batchSize);
        key.put("earlyExit", earlyExit);
        String keyText = key.toString();
        String hash = HexFormat.of().formatHex(SampleBlocks.sha256().digest(keyText.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
        String stem = spec.displayName().replaceAll("[^A-Za-z0-9._-]+", "_");
        Path file = directory.resolve(stem + "-" + hash + ".jsonl");
        try {
            Files.createDirectories(directory);
            reportOthers(directory, stem, file, log);
            Map<String, SampleResult> finished = new HashMap<>();
            if (Files.isRegularFile(file)) {
                if (read(file, keyText, finished)) {
                    log.note("Resuming " + spec.displayName() + " from checkpoint " + file + ": " + finished.size()
                            + " sample(s) already done");
                } else {
                    log.note("Checkpoint " + file + " was made for other inputs than this run's; starting it again");
                    finished.clear();
                    Files.delete(file);
                }
            }
            if (!Files.isRegularFile(file)) {
                Files.writeString(file, keyText + "\n", StandardCharsets.UTF_8);
            }
            return new BatchCheckpoint(file, finished);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use checkpoint " + file, e);
        }
    }

    /** The results of a batch of these samples when it was finished before, in their order. */
    Optional<List<SampleResult>> finishedBatch(List<String> sampleIds) {
        List<SampleResult> results = new ArrayList<>(sampleIds.size());
        for (String id : sampleIds) {
            SampleResult result = finished.get(id);
            if (result == null) {
                return Optional.empty();
            }
            results.add(result);
        }
        return Optional.of(results);
    }

    /** Appends a finished batch; written and flushed before the run goes on, so a kill loses at most the batch under way. */
    void record(List<SampleResult> batch) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            out.write(JSON.writeValueAsString(batch));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Reads the batches; false when the first line is not this run's key. */
    private static boolean read(Path file, String key, Map<String, SampleResult> finished) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(key)) {
            return false;
        }
        StringBuilder kept = new StringBuilder(key).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            List<SampleResult> batch;
            try {
                batch = JSON.readValue(line, JSON.getTypeFactory().constructCollectionType(List.class, SampleResult.class));
            } catch (JsonProcessingException e) {
                break; // the line the kill cut short, and nothing after it
            }
            batch.forEach(r -> finished.put(r.sampleId(), r));
            kept.append(line).append('\n');
        }
        Files.writeString(file, kept.toString(), StandardCharsets.UTF_8);
        return true;
    }

    private static void reportOthers(Path directory, String stem, Path file, ProgressListener log) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> !f.equals(file) && f.getFileName().toString().matches(
                            java.util.regex.Pattern.quote(stem) + "-[0-9a-f]{16}\\.jsonl"))
                    .forEach(other -> log.note("Not resuming from checkpoint " + other + ": it was made for another"
                            + " model, data set, RobustGate version, attack settings or batch size ("
                            + describe(other) + ")"));
        }
    }

    private static String describe(Path other) {
        try (Stream<String> lines = Files.lines(other, StandardCharsets.UTF_8)) {
            JsonNode key = JSON.readTree(lines.findFirst().orElse("{}"));
            return "model sha256 " + key.path("provenance").path("modelSha256").asText("?") + ", data sha256 "
                    + key.path("provenance").path("datasetSha256").asText("?") + ", batch size "
                    + key.path("batchSize").asText("?");
        } catch (IOException | UncheckedIOException e) {
            return "unreadable";
        }
    }
}
