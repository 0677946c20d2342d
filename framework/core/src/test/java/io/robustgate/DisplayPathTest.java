package io.robustgate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DisplayPathTest {

    @Test
    void pathsBelowTheWorkingDirectoryAreShownRelative() {
        assertEquals(Path.of("src", "test", "resources").toString(),
                DisplayPath.of(Path.of("src/test/resources").toAbsolutePath()));
        assertEquals(Path.of("models", "hc18").toString(), DisplayPath.of(Path.of("./models/../models/hc18")));
    }

    @Test
    void pathsElsewhereStayAbsolute() {
        Path outside = Path.of("").toAbsolutePath().getParent().resolve("elsewhere");
        assertEquals(outside.toString(), DisplayPath.of(outside));
    }
}
