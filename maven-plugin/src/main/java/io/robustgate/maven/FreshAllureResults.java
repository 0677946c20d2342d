package io.robustgate.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The Allure results a report is generated from: those this build wrote. An {@code allure-results}
 * folder outlives builds run without {@code clean}, and a deleted test's old result would show in
 * the report as if it had run. Only Allure's per-test files (results, containers, attachments)
 * are dated; the folder's settings ({@code categories.json}, {@code environment.properties},
 * {@code executor.json}) and the {@code history/} carried over from the last report always count.
 */
final class FreshAllureResults {

    private FreshAllureResults() {}

    /** Copies what counts from {@code from} into {@code to}; returns how many old files were left out. */
    static int copy(Path from, Path to, Instant since) throws IOException {
        FileTrees.delete(to);
        Files.createDirectories(to);
        int left = 0;
        if (!Files.isDirectory(from)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.filter(Files::isRegularFile).toList()) {
                if (isPerTestFile(source) && !BuildResults.isFresh(BuildResults.modified(source), since)) {
                    left++;
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return left;
    }

    static boolean isPerTestFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("-result.json") || name.endsWith("-container.json") || name.contains("-attachment");
    }
}
