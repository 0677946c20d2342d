package io.robustgate.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import io.robustgate.AttackBatch;
import io.robustgate.GoldenFixture;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.model.ModelBundle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A garbage collection between a loss's forward and backward pass changes no gradient. DJL's
 * {@code Number} overloads ({@code z.maximum(0)}) keep their scalar in JVM memory that the collector
 * may free while autograd still holds the tensor; then freed memory is handed out again and
 * overwritten, and the backward pass reads the new contents. The test provokes exactly that: it
 * collects, then fills many fresh direct buffers with a huge value, all before the backward pass.
 */
class GradientAfterGarbageCollectionTest {

    private static ModelBundle bundle;
    private static AttackBatch batch;

    @BeforeAll
    static void load() {
        bundle = GoldenFixture.loadBundle();
        RobustnessEvaluator evaluator = GoldenFixture.quietEvaluator(bundle, 6);
        batch = new AttackBatch(bundle, evaluator.samples());
    }

    @AfterAll
    static void close() {
        batch.close();
        bundle.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BCE", "SOFT_DICE", "DICE_BCE", "MASKED_BCE", "SEGPGD", "COSPGD"})
    void collectingAndReusingFreedMemoryBeforeBackwardChangesNoGradient(String lossName) throws Exception {
        AttackLoss loss = AttackLosses.named(lossName);
        NDArray pixels = batch.pixels();
        float[] undisturbed = batch.objective(loss).evaluate(pixels, loss, 1, 4).gradient().toFloatArray();
        List<ByteBuffer> overwrites = new ArrayList<>();
        AttackLoss disturbed = new AttackLoss() {
            @Override
            public String name() {
                return loss.name();
            }

            @Override
            public NDArray perSample(LossInput input) {
                NDArray losses = loss.perSample(input);
                collectAndOverwriteFreedMemory(overwrites);
                return losses;
            }
        };
        float[] afterCollection = batch.objective(loss).evaluate(pixels, disturbed, 1, 4).gradient().toFloatArray();
        assertArrayEquals(undisturbed, afterCollection, lossName + ": the gradient read memory the JVM had freed");
    }

    /** Frees every unreachable direct buffer, then takes small blocks of memory again and fills them. */
    private static void collectAndOverwriteFreedMemory(List<ByteBuffer> keep) {
        for (int round = 0; round < 5; round++) {
            System.gc();
            try {
                Thread.sleep(40); // the JDK's cleaner thread frees the buffers after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4 << (i % 4)).order(ByteOrder.nativeOrder());
            while (buffer.remaining() >= 4) {
                buffer.putFloat(1e30f);
            }
            keep.add(buffer);
        }
    }
}
