package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SetSizedBatchTest {

    @Test
    void aBatchLargerThanTheSetIsTheSetAndSaysSo() {
        assertEquals(4, SetSizedBatch.of(100_000, 4));
        assertEquals("batch size 100000 is more than the 4 sample(s) to attack: batches of 4 are used and recorded",
                SetSizedBatch.describe(100_000, SetSizedBatch.of(100_000, 4)));
    }

    @Test
    void aBatchTheSetFillsIsKept() {
        assertEquals(4, SetSizedBatch.of(4, 4));
        assertEquals(2, SetSizedBatch.of(2, 5));
        assertEquals("batch size 2", SetSizedBatch.describe(2, SetSizedBatch.of(2, 5)));
    }

    @Test
    void anEvaluatorRecordsTheBatchItRuns() {
        try (io.robustgate.model.ModelBundle bundle = io.robustgate.GoldenFixture.loadBundle()) {
            RobustnessEvaluator evaluator = io.robustgate.GoldenFixture.quietEvaluator(bundle, 100_000);
            assertEquals(evaluator.samples().size(), evaluator.batchSize());
            RobustnessResult result = evaluator.evaluate(io.robustgate.attack.AttackSpec.fgsm(1 / 255f));
            assertEquals(evaluator.samples().size(), result.timings().batchSize(), "timings record the batch that ran");
        }
    }
}
