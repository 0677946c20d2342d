package io.robustgate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshAllureResultsTest {

    @TempDir
    Path dir;

    @Test
    void anEarlierBuildsTestResultsAreLeftOutButTheFoldersSettingsAndHistoryStay() throws Exception {
        Path results = dir.resolve("allure-results");
        Instant start = Instant.now();
        Instant yesterday = start.minus(Duration.ofDays(1));
        write(results.resolve("old-result.json"), yesterday);        // a deleted test's result
        write(results.resolve("old-attachment.png"), yesterday);
        write(results.resolve("new-result.json"), start.plusSeconds(5));
        write(results.resolve("new-container.json"), start.plusSeconds(5));
        write(results.resolve("categories.json"), yesterday);        // the user's settings
        write(results.resolve("history").resolve("history.json"), yesterday);

        Path copy = dir.resolve("this-build");
        assertEquals(2, FreshAllureResults.copy(results, copy, start));

        assertTrue(Files.exists(copy.resolve("new-result.json")));
        assertTrue(Files.exists(copy.resolve("new-container.json")));
        assertTrue(Files.exists(copy.resolve("categories.json")));
        assertTrue(Files.exists(copy.resolve("history").resolve("history.json")));
        assertFalse(Files.exists(copy.resolve("old-result.json")));
        assertFalse(Files.exists(copy.resolve("old-attachment.png")));
        // The user's folder itself is left as it was.
        assertTrue(Files.exists(results.resolve("old-result.json")));
    }

    @Test
    void withoutABuildStartEverythingCounts() throws Exception {
        Path results = dir.resolve("allure-results");
        write(results.resolve("old-result.json"), Instant.EPOCH);

        assertEquals(0, FreshAllureResults.copy(results, dir.resolve("copy"), null));
        assertTrue(Files.exists(dir.resolve("copy").resolve("old-result.json")));
    }

    @Test
    void aFileWrittenInTheSecondTheBuildStartedIsThisBuilds() {
        Instant start = Instant.parse("2026-01-01T10:00:00.900Z");
        // A file system that keeps whole seconds dates a file written at 10:00:00.950 as 10:00:00.
        assertTrue(BuildResults.isFresh(Instant.parse("2026-01-01T10:00:00Z"), start));
        assertFalse(BuildResults.isFresh(Instant.parse("2026-01-01T09:59:59.999Z"), start));
    }

    private static void write(Path file, Instant modified) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
