package io.robustgate.evaluation;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints progress lines such as {@code [robustgate] PGD eps=2/255 steps=40: 16/48 samples, 2.1
 * samples/s, ~15 s left}, at most every few seconds and always at the end of a task.
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
                ? String.format(Locale.ROOT, ", ~%.0f s left", (total - done) / rate)
                : String.format(Locale.ROOT, " in %.1f s", seconds);
        (out != null ? out : System.out).printf(Locale.ROOT, "[robustgate] %s: %d/%d samples, %.1f samples/s%s%n", task, done, total, rate, tail);
    }
}
