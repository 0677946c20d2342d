package io.robustgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown (the README front page, the pages under
 * {@code docs/}, the modules' READMEs) reaches a file that exists and, where it names an anchor, a
 * heading of that file, as GitHub makes anchors from headings: the reference moved out of the README
 * into pages, and a link left pointing at the old place would send a reader nowhere.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^(#+) (.*)$");

    @Test
    void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
        List<Path> pages = markdownPages();
        assertTrue(pages.contains(ROOT.resolve("README.md")) && pages.size() > 10, pages.toString());
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(ROOT.relativize(page) + ": no file " + target);
                } else if (hash >= 0 && file.toString().endsWith(".md")
                        && !anchors.computeIfAbsent(file, DocumentationLinksTest::headingAnchors).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(page) + ": no heading " + target);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertEquals("what-check-and-report-read", anchor("What `check` and `report` read"));
        assertEquals("the-robustness-dashboard-robustnesshtml", anchor("The robustness dashboard (`robustness.html`)"));
        assertEquals("libtorch-251-or-271", anchor("libtorch 2.5.1 or 2.7.1"));
        assertEquals("at-the-real-models-size", anchor("At the real model's size"));
    }

    @Test
    void theReadmeIsAFrontPage() throws IOException {
        long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
        assertTrue(lines <= 300, "README.md has " + lines + " lines; reference belongs in docs/");
    }

    private static List<Path> markdownPages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String relative = ROOT.relativize(p).toString().replace('\\', '/');
                        // build output, and the generated report's copies, are not documentation
                        return !relative.contains("/target/") && !relative.startsWith("target/") && !relative.startsWith(".")
                                && !relative.startsWith("reports/") || relative.equals("reports/README.md");
                    })
                    .sorted().toList();
        }
    }

    /** Link targets outside fenced code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    targets.add(m.group(1));
                }
            }
        }
        return targets;
    }

    private static Set<String> headingAnchors(Path page) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        try {
            for (String line : Files.readAllLines(page)) {
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                Matcher m = HEADING.matcher(line);
                if (!fenced && m.matches()) {
                    String anchor = anchor(m.group(2));
                    int n = seen.merge(anchor, 1, Integer::sum);
                    anchors.add(n == 1 ? anchor : anchor + "-" + (n - 1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(page + ": " + e.getMessage(), e);
        }
        return anchors;
    }

    /** GitHub's rule: lower case, link text for links, only letters, digits, spaces, '-' and '_', spaces to '-'. */
    static String anchor(String heading) {
        String text = heading.replace("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").strip().toLowerCase(java.util.Locale.ROOT);
        StringBuilder anchor = new StringBuilder();
        text.codePoints().filter(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_')
                .forEach(c -> anchor.appendCodePoint(c == ' ' ? '-' : c));
        return anchor.toString();
    }
}
