package io.robustgate.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads and writes {@link ResultsDocument}s; infinite PSNR (no change) is written as the string "Infinity". */
public final class ResultsFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ResultsFile() {}

    public static void write(Path file, ResultsDocument document) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + file, e);
        }
    }

    /**
     * The document in {@code file}, checked first ({@link ResultsSchema}): every reader ({@code check},
     * {@code report}, the shard merge, in the CLI and the Maven plugin alike) reads through here.
     *
     * @throws ResultsFileException naming the file and the field when it is not JSON, of a schema
     *     version this RobustGate does not read, lacks a required field or holds an impossible figure
     */
    public static ResultsDocument read(Path file) {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ResultsFileException(file, "not a RobustGate results file: " + e.getMessage(), e);
        }
        ResultsSchema.check(file, tree);
        try {
            return JSON.treeToValue(tree, ResultsDocument.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ResultsFileException(file, "not a RobustGate results file: " + e.getMessage(), e);
        }
    }

    /**
     * Every {@code *.json} results document under {@code directory} (none when it does not exist),
     * the shards of a sharded run merged into one document ({@link ShardMerge}).
     */
    public static List<ResultsDocument> readAll(Path directory) {
        return ShardMerge.merge(readEach(directory));
    }

    /** Every {@code *.json} results document under {@code directory}, each with its file, nothing merged. */
    public static List<ShardMerge.ResultsInFile> readEach(Path directory) {
        List<ShardMerge.ResultsInFile> documents = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return documents;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).sorted()
                    .forEach(f -> documents.add(new ShardMerge.ResultsInFile(f, read(f))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list results in " + directory, e);
        }
        return documents;
    }

    /** The document as the results JSON text, e.g. to compare two runs byte for byte. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results JSON", e);
        }
    }
}
