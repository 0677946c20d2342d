package io.robustgate;

import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.model.ModelBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tests on the golden fixture share one loaded bundle per class, an evaluator that splits the six
 * samples into batches of four (so batching is exercised too) and the samples as one native batch.
 */
public abstract class GoldenBundleTest {

    protected static ModelBundle bundle;
    protected static RobustnessEvaluator evaluator;
    protected static AttackBatch batch;

    @BeforeAll
    static void loadGoldenBundle() {
        bundle = GoldenFixture.loadBundle();
        evaluator = GoldenFixture.quietEvaluator(bundle, 4);
        batch = new AttackBatch(bundle, evaluator.samples());
    }

    @AfterAll
    static void closeGoldenBundle() {
        batch.close();
        bundle.close();
    }
}
