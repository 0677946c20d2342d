package io.robustgate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History carry-over and unpacking of the command line; generating a real report is the it-report IT's job. */
class AllureFilesTest {

    @TempDir
    Path dir;

    @Test
    void previousHistoryReplacesTheResultsHistory() throws Exception {
        Path report = dir.resolve("report");
        Path results = dir.resolve("allure-results");
        Files.createDirectories(report.resolve("history"));
        Files.writeString(report.resolve("history/history-trend.json"), "[{\"buildOrder\":1}]");
        Files.createDirectories(results.resolve("history"));
        Files.writeString(results.resolve("history/stale.json"), "{}");

        assertTrue(AllureHistory.carryOver(report, results));

        assertEquals("[{\"buildOrder\":1}]", Files.readString(results.resolve("history/history-trend.json")));
        assertFalse(Files.exists(results.resolve("history/stale.json")));
    }

    @Test
    void firstReportHasNoHistoryToCarry() throws Exception {
        assertFalse(AllureHistory.carryOver(dir.resolve("no-report-yet"), dir.resolve("allure-results")));
        assertFalse(Files.exists(dir.resolve("allure-results/history")));
    }

    @Test
    void unpacksOnceAndFindsTheDistributionFolder() throws Exception {
        Path zip = zip("allure-commandline-9.9.zip", "allure-9.9/lib/allure-commandline-9.9.jar", "allure-9.9/config/allure.yml");
        Path target = dir.resolve("allure-commandline");

        AllureCommandLine first = AllureCommandLine.unpack(zip.toFile(), target);

        assertEquals(target.resolve("allure-9.9"), first.home());
        assertTrue(Files.isRegularFile(target.resolve("allure-9.9/config/allure.yml")));
        // A second build reuses the folder: a file added since survives.
        Files.writeString(target.resolve("allure-9.9/lib/marker"), "kept");
        AllureCommandLine.unpack(zip.toFile(), target);
        assertTrue(Files.exists(target.resolve("allure-9.9/lib/marker")));
    }

    @Test
    void refusesEntriesThatEscapeTheFolder() throws Exception {
        Path zip = zip("evil.zip", "allure-1/lib/a.jar", "../outside.txt");

        IOException e = assertThrows(IOException.class, () -> AllureCommandLine.unpack(zip.toFile(), dir.resolve("cli")));

        assertTrue(e.getMessage().contains("points outside the folder"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("outside.txt")));
    }

    @Test
    void zipWithoutLibFolderIsNotAnAllureDistribution() throws Exception {
        Path zip = zip("other.zip", "something/readme.txt");

        IOException e = assertThrows(IOException.class, () -> AllureCommandLine.unpack(zip.toFile(), dir.resolve("cli")));

        assertTrue(e.getMessage().contains("not an Allure distribution"), e.getMessage());
    }

    private Path zip(String name, String... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zipOut.putNextEntry(new ZipEntry(entry));
                zipOut.write(entry.getBytes(StandardCharsets.UTF_8));
                zipOut.closeEntry();
            }
        }
        return zip;
    }
}
