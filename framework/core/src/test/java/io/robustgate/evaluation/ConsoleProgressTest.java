package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A long run says how long it will take as soon as its first batch is done. */
class ConsoleProgressTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ConsoleProgress progress = new ConsoleProgress(new PrintStream(printed, true, StandardCharsets.UTF_8));

    private String lines() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstBatchPrintsTheTimeLeftEstimatedFromIt() {
        // 4 of 400 samples in 100 s: 25 s per sample, 396 left.
        progress.progress("PGD eps=2/255 steps=10000", 4, 400, 100_000_000_000L);
        String expected = ConsoleProgress.duration(396 * 25.0);
        assertEquals("[robustgate] PGD eps=2/255 steps=10000: 4/400 samples, 25 s/sample, ~" + expected + " left\n",
                lines().replace("\r\n", "\n"));
        assertEquals("2 h 45 min", expected);
    }

    @Test
    void laterBatchesAreThrottledAndTheEndIsAlwaysPrinted() {
        progress.progress("FGSM", 1, 3, 1_000_000_000L);
        progress.progress("FGSM", 2, 3, 2_000_000_000L);
        progress.progress("FGSM", 3, 3, 3_000_000_000L);
        String[] lines = lines().split("\\R");
        assertEquals(2, lines.length, lines());
        assertTrue(lines[0].endsWith("1/3 samples, 1.0 samples/s, ~2 s left"), lines[0]);
        assertTrue(lines[1].endsWith("3/3 samples, 1.0 samples/s in 3.0 s"), lines[1]);
    }

    /** A first batch of minutes (a strong attack at the real model's size) gives its pace before it ends. */
    @Test
    void aLongFirstBatchSaysItsPaceFromItsGradientPasses() {
        progress.firstBatchPass("ENSEMBLE eps=2/255", 1, 0, 100, 1, 2_300_000_000L);
        progress.firstBatchPass("ENSEMBLE eps=2/255", 1, 3, 100, 4, 9_200_000_000L);
        assertEquals("", lines(), "nothing before " + ConsoleProgress.FIRST_LINE_SECONDS + " s");
        progress.firstBatchPass("ENSEMBLE eps=2/255", 1, 4, 100, 5, 11_500_000_000L);
        // 2.3 s per pass, 95 steps to go.
        assertEquals("[robustgate] ENSEMBLE eps=2/255: first batch (1 sample) at step 5 of 100, 5 gradient passes in 12 s"
                + " (2.3 s each), ~" + ConsoleProgress.duration(95 * 2.3) + " to step 100\n", lines().replace("\r\n", "\n"));
        progress.firstBatchPass("ENSEMBLE eps=2/255", 1, 5, 100, 6, 13_800_000_000L);
        assertEquals(1, lines().split("\\R").length, "throttled to one line every " + ConsoleProgress.IN_BATCH_INTERVAL_SECONDS + " s");
        progress.firstBatchPass("ENSEMBLE eps=2/255", 1, 18, 100, 19, 43_700_000_000L);
        assertEquals(2, lines().split("\\R").length, lines());
    }

    @Test
    void durationsReadAtAGlance() {
        assertEquals("42 s", ConsoleProgress.duration(42.4));
        assertEquals("16 min 30 s", ConsoleProgress.duration(990));
        assertEquals("27 h 46 min", ConsoleProgress.duration(100_000));
    }
}
