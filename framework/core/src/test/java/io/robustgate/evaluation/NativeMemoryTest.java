package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackSpec;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over long attacks: every PGD step frees its arrays. Runs 600 PGD
 * steps (12 evaluations of 50 steps on the 6 golden samples) and bounds the growth of the
 * process's resident set after a warm-up.
 */
class NativeMemoryTest {

    /** Generous for allocator noise, far below what leaking each step's arrays would cost. */
    static final long BOUND_BYTES = 64L << 20;

    @Test
    void residentSetStaysFlatOverSixHundredPgdSteps() throws IOException {
        try (ModelBundle bundle = GoldenFixture.loadBundle()) {
            RobustnessEvaluator evaluator = GoldenFixture.quietEvaluator(bundle, 16);
            AttackSpec spec = AttackSpec.pgd(8 / 255f).withSteps(50);
            evaluator.evaluate(spec);
            evaluator.evaluate(spec);
            long warm = residentBytes();
            int steps = 0;
            for (int run = 0; run < 12; run++) {
                evaluator.evaluate(spec.withSeed(run));
                steps += spec.steps();
            }
            long growth = residentBytes() - warm;
            System.out.printf("[memory] %d PGD steps: RSS %d MiB after warm-up, growth %d MiB (bound %d MiB)%n",
                    steps, warm >> 20, growth >> 20, BOUND_BYTES >> 20);
            assertTrue(steps >= 500);
            assertTrue(growth < BOUND_BYTES, "RSS grew by " + (growth >> 20) + " MiB over " + steps + " PGD steps");
        }
    }

    /** Linux's VmRSS for this process, after a GC so that Java heap churn does not count. */
    private static long residentBytes() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
