package io.robustgate.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Allure draws trends (pass rates, durations, retries) from a {@code history/} folder that it
 * writes into each report but reads only from the results folder. Copying the previous report's
 * history into the results before generating is how its documentation says to keep it.
 */
final class AllureHistory {

    private AllureHistory() {}

    /** @return whether a previous history was found and carried over */
    static boolean carryOver(Path previousReport, Path results) throws IOException {
        Path history = previousReport.resolve("history");
        if (!Files.isDirectory(history)) {
            return false;
        }
        Path target = results.resolve("history");
        FileTrees.delete(target);
        FileTrees.copy(history, target);
        return true;
    }
}
