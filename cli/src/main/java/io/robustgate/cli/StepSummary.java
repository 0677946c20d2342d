package io.robustgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where the Markdown summary is appended for a CI job's page: {@code --github-summary FILE}, else
 * {@code $GITHUB_STEP_SUMMARY}, which GitHub Actions sets for every step. Appended, never replaced:
 * earlier steps of the job write to the same file.
 */
final class StepSummary {

    static final String GITHUB_VARIABLE = "GITHUB_STEP_SUMMARY";

    private StepSummary() {}

    static Optional<Path> target(Path option) {
        if (option != null) {
            return Optional.of(option);
        }
        String variable = System.getenv(GITHUB_VARIABLE);
        return variable == null || variable.isBlank() ? Optional.empty() : Optional.of(Path.of(variable));
    }

    static void append(Path file, String markdown) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, markdown.endsWith("\n") ? markdown : markdown + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot append the summary: " + e.getMessage(), e);
        }
    }
}
