package io.robustgate.evaluation;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints progress lines such as {@code [robustgate] PGD eps=2/255 steps=40: 16/48 samples, 2.1
 * samples/s, ~15 s left}, at most every few seconds and always at the end of a task. The first line
 * comes as soon as the first batch is done, with the time left estimated from it (elapsed / done ×
 * remaining), in hours and minutes when it is long: whoever started a long run learns early how
 * long it will take.
 */
public final class ConsoleProgress implements ProgressListener {

    private static final long INTERVAL_NANOS = 3_000_000_000L;

    private final PrintStream out;
    private long lastPrinted = Long.MIN_VALUE;

    /** Prints to whatever {@code System.out} is at the time: test runners swap it in late. */
    public ConsoleProgress() {
        this(null);
    }

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void progress(String task, int done, int total, long elapsedNanos) {
        long now = System.nanoTime();
        if (done < total && lastPrinted != Long.MIN_VALUE && now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = done < total ? now : Long.MIN_VALUE;
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String tail = done < total && rate > 0
                ? ", ~" + duration((total - done) / rate) + " left"
                : String.format(Locale.ROOT, " in %.1f s", seconds);
        // A slow attack reads better per sample (12 s/sample) than as 0.1 samples/s.
        String speed = rate >= 0.1 || rate == 0 ? String.format(Locale.ROOT, "%.1f samples/s", rate)
                : String.format(Locale.ROOT, "%.0f s/sample", 1 / rate);
        (out != null ? out : System.out).printf(Locale.ROOT, "[robustgate] %s: %d/%d samples, %s%s%n", task, done, total, speed, tail);
    }

    /** {@code 42 s}, {@code 16 min 30 s}, {@code 27 h 46 min}: what a reader takes in at a glance. */
    static String duration(double seconds) {
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + " s";
        }
        if (whole < 3600) {
            return whole / 60 + " min " + whole % 60 + " s";
        }
        return whole / 3600 + " h " + (whole % 3600) / 60 + " min";
    }
}
