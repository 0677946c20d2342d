package io.robustgate.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command shares, mixed into each ({@code @Mixin}) so that each has its own help. */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Configuration file, YAML (*.yaml, *.yml) or JSON (*.json): the Maven plugin's <configuration> as keys. Relative paths in it are resolved against its folder.")
    Path config;

    GateConfiguration read() {
        return ConfigFile.read(config);
    }

    /** Options of the commands that read results: {@code check}, {@code report}. */
    static final class Results {

        @Option(names = {"-r", "--results"}, paramLabel = "PATH", split = ",",
                description = "Results JSON files or folders to read (searched recursively for *.json). Default: the configuration's resultsDirectory.")
        List<Path> paths;

        List<Path> pathsOr(GateConfiguration config) {
            return paths == null || paths.isEmpty() ? List.of(config.resultsDirectory()) : paths;
        }
    }

    /** Where the Markdown summary is appended for a CI job page. */
    static final class Summary {

        @Option(names = "--github-summary", paramLabel = "FILE",
                description = "Append the Markdown summary table to FILE. Default: $GITHUB_STEP_SUMMARY when it is set (GitHub Actions).")
        Path githubSummary;
    }
}
