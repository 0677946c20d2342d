package io.robustgate.cli;

import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import io.robustgate.results.ShardMerge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The results JSON that {@code check} and {@code report} judge: files given on the command line, or
 * every {@code *.json} under folders (by default the configuration's {@code resultsDirectory}).
 * Unlike the Maven plugin, which ignores files older than its build, the CLI has no build to date
 * files against: it reads all of them, as the plugin does with {@code acceptEarlierResults}. The
 * shards of a sharded run, wherever they lie among the paths, are merged into one document
 * ({@link ShardMerge}).
 */
final class ResultsInput {

    private ResultsInput() {}

    static List<ResultsDocument> read(List<Path> paths) {
        List<ShardMerge.ResultsInFile> documents = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                documents.addAll(readOne(path, true));
            } else if (Files.isRegularFile(path)) {
                documents.addAll(readOne(path, false));
            } else {
                throw new BadInputException(path + ": no results file or folder here (run evaluate first, or pass --results)");
            }
        }
        try {
            return ShardMerge.merge(documents);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static List<ShardMerge.ResultsInFile> readOne(Path path, boolean folder) {
        try {
            return folder ? ResultsFile.readEach(path) : List.of(new ShardMerge.ResultsInFile(path, ResultsFile.read(path)));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    static int resultCount(List<ResultsDocument> documents) {
        return documents.stream().mapToInt(d -> d.results().size()).sum();
    }
}
