package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackSpec;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed half-way resumes from its checkpoint to exactly the results of an uninterrupted
 * run, attacking only the batches that were not finished; a checkpoint made for other inputs is
 * not used, and the run says so.
 */
class ResumeTest {

    private static final AttackSpec PGD = AttackSpec.pgd(2 / 255f).withSteps(3);
    private static final int BATCH = 2;

    private static ModelBundle bundle;

    @TempDir
    Path checkpoints;

    @BeforeAll
    static void load() {
        bundle = GoldenFixture.loadBundle();
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    /** Stands for the CI runner killing the job: thrown after {@code batches} attacked batches. */
    private static final class Kill extends RuntimeException {}

    /** Counts attacked batches and remembers notes; kills the run after {@code killAfter} batches (0: never). */
    private static final class Listener implements ProgressListener {
        final int killAfter;
        int attackedBatches;
        final List<String> notes = new ArrayList<>();

        Listener(int killAfter) {
            this.killAfter = killAfter;
        }

        @Override
        public void progress(String task, int done, int total, long elapsedNanos) {
            if (task.equals(PGD.displayName())) {
                attackedBatches++;
                if (attackedBatches == killAfter) {
                    throw new Kill();
                }
            }
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }
    }

    private RobustnessEvaluator evaluator(Listener listener, int batchSize) {
        return new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(), EvaluationOptions.DEFAULTS
                .withProgress(listener).withBatchSize(batchSize).withCheckpointDirectory(checkpoints));
    }

    @Test
    void aRunKilledHalfWayResumesToTheUninterruptedResults() throws IOException {
        RobustnessResult uninterrupted = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(),
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(BATCH)).evaluate(PGD);

        Listener killed = new Listener(2);
        assertThrows(Kill.class, () -> evaluator(killed, BATCH).evaluate(PGD));
        Path checkpoint = onlyCheckpoint();
        // The key line and the two finished batches (the second was recorded before the kill came).
        assertEquals(3, Files.readAllLines(checkpoint).size());
        // A kill while writing leaves half a line: it is dropped on resume.
        Files.writeString(checkpoint, "[ {\"sampleId\" : \"cut", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        Listener resumed = new Listener(0);
        RobustnessResult result = evaluator(resumed, BATCH).evaluate(PGD);
        assertEquals(1, resumed.attackedBatches, "six samples in batches of two: two were done, one is left");
        assertTrue(resumed.notes.get(0).contains("Resuming " + PGD.displayName() + " from checkpoint " + checkpoint
                + ": 4 sample(s) already done"), resumed.notes.toString());
        assertEquals(uninterrupted.samples(), result.samples());
        assertEquals(uninterrupted.adversarialDice(), result.adversarialDice());
        assertEquals(uninterrupted.diceDrop(), result.diceDrop());
        assertEquals(uninterrupted.alarms(), result.alarms());

        Listener again = new Listener(0);
        assertEquals(result.samples(), evaluator(again, BATCH).evaluate(PGD).samples());
        assertEquals(0, again.attackedBatches, "a finished checkpoint leaves nothing to attack");
    }

    @Test
    void aCheckpointMadeForOtherInputsIsNotUsedAndTheRunSaysSo() throws IOException {
        Listener first = new Listener(2);
        assertThrows(Kill.class, () -> evaluator(first, BATCH).evaluate(PGD));
        Path other = onlyCheckpoint();

        Listener otherBatchSize = new Listener(0);
        evaluator(otherBatchSize, 3).evaluate(PGD);
        assertEquals(2, otherBatchSize.attackedBatches, "all six samples attacked again, in batches of three");
        assertTrue(otherBatchSize.notes.stream().anyMatch(n -> n.startsWith("Not resuming from checkpoint " + other
                + ": it was made for another model, data set, RobustGate version, attack settings or batch size")
                && n.contains("batch size 2")), otherBatchSize.notes.toString());
    }

    private Path onlyCheckpoint() throws IOException {
        try (Stream<Path> files = Files.list(checkpoints)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            assertTrue(all.get(0).getFileName().toString().matches("PGD_eps_2_255_steps_3-[0-9a-f]{16}\\.jsonl"),
                    all.get(0).toString());
            return all.get(0);
        }
    }
}
