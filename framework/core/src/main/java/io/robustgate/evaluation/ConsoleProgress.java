package io.robustgate.evaluation;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints progress lines such as {@code [robustgate] PGD eps=2/255 steps=40: 16/48 samples, 2.1
 * samples/s, ~15 s left}, at most every few seconds and always at the end of a task. The first line
 * comes as soon as the first batch is done, with the time left estimated from it (elapsed / done ×
 * remaining), in hours and minutes when it is long: whoever started a long run learns early how
 * long it will take. Inside a first batch that takes long (a strong attack on a large model), a line
 * such as {@code [robustgate] ENSEMBLE eps=2/255: first batch (1 of 48 samples) at step 12 of 100,
 * 13 gradient passes in 30 s (2.3 s each), ~3 min 20 s to step 100} comes after
 * {@value #FIRST_LINE_SECONDS} s and then every {@value #IN_BATCH_INTERVAL_SECONDS} s.
 */
public final class ConsoleProgress implements ProgressListener {

    private static final long INTERVAL_NANOS = 3_000_000_000L;
    static final int FIRST_LINE_SECONDS = 10;
    static final int IN_BATCH_INTERVAL_SECONDS = 30;

    private final PrintStream out;
    private long lastPrinted = Long.MIN_VALUE;
    /** Batch time at the last in-batch line; negative before the first. */
    private long lastInBatch = -1;

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

    @Override
    public void firstBatchPass(String task, int batchSamples, int step, int steps, int passes, long elapsedNanos) {
        if (passes == 1) {
            lastInBatch = -1; // a new run's first batch
        }
        long due = lastInBatch < 0 ? FIRST_LINE_SECONDS * 1_000_000_000L : lastInBatch + IN_BATCH_INTERVAL_SECONDS * 1_000_000_000L;
        if (elapsedNanos < due || passes <= 0) {
            return;
        }
        lastInBatch = elapsedNanos;
        double perPass = elapsedNanos / 1e9 / passes;
        int left = Math.max(0, steps - step - 1);
        String tail = left == 0 ? "" : ", ~" + duration(left * perPass) + " to step " + steps;
        (out != null ? out : System.out).printf(Locale.ROOT, "[robustgate] %s: first batch (%d sample%s) at step %d of %d, %d gradient "
                        + "passes in %s (%.1f s each)%s%n", task, batchSamples, batchSamples == 1 ? "" : "s", step + 1, steps, passes,
                duration(elapsedNanos / 1e9), perPass, tail);
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
