package io.robustgate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fenced {@code json} blocks of the README and its pages under {@code docs/}, for the tests
 * that check the formats the documentation shows parse as written (model manifest here, results
 * file in the results-format module, which uses this class from core's test jar).
 */
public final class DocumentationBlocks {

    private DocumentationBlocks() {}

    /** The repository's root: the nearest folder above the module that holds README.md and docs/. */
    public static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("no README.md with docs/ beside it above " + here);
    }

    /** The json blocks of the README, then of each docs page by name, in order. */
    public static List<String> json() throws IOException {
        Path root = repositoryRoot();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> blocks = new ArrayList<>();
        for (Path page : pages) {
            StringBuilder current = null;
            for (String line : Files.readAllLines(page)) {
                if (current == null && line.strip().equals("```json")) {
                    current = new StringBuilder();
                } else if (current != null && line.strip().equals("```")) {
                    blocks.add(current.toString());
                    current = null;
                } else if (current != null) {
                    current.append(line).append('\n');
                }
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalStateException("no json examples in " + pages);
        }
        return blocks;
    }
}
