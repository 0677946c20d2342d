package io.robustgate;

import ai.djl.Device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.model.ModelBundle;
import java.nio.file.Path;

/**
 * The golden fixture behind gradient-masking defences, written by
 * {@code python/build_masked_models.py}: {@code quantised} rounds its input to 3 bits (every input
 * gradient exactly 0; {@code quantised-bpda} adds a differentiable stand-in), {@code randomised} resizes and pads it at random on every forward pass.
 * They read the golden held-out set ({@link GoldenFixture#heldOutSet()}).
 */
public final class MaskedFixtures {

    public static final Path ROOT = Path.of("src/test/resources/masked");

    private MaskedFixtures() {}

    public static ModelBundle quantised() {
        return ModelBundle.load(ROOT.resolve("quantised"), Device.cpu());
    }

    /** {@code quantised} again, declaring its straight-through stand-in {@code gradient-model.pt} for BPDA. */
    public static ModelBundle quantisedWithBpda() {
        return ModelBundle.load(ROOT.resolve("quantised-bpda"), Device.cpu());
    }

    public static ModelBundle randomised() {
        return ModelBundle.load(ROOT.resolve("randomised"), Device.cpu());
    }

    /** A gradient PyTorch wrote beside the fixtures: raw little-endian float32. */
    public static float[] pytorchGradient(String file) {
        return Float32Files.read(ROOT.resolve(file));
    }

    /**
     * Asserts that a gradient equals PyTorch's within 1e-3 of its largest entry (float32 sums in
     * another order), and returns the largest difference for tests that compare it with more.
     */
    public static double assertGradientMatches(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "gradient entries");
        double largestDifference = 0;
        double largest = 0;
        for (int i = 0; i < expected.length; i++) {
            largestDifference = Math.max(largestDifference, Math.abs(expected[i] - actual[i]));
            largest = Math.max(largest, Math.abs(expected[i]));
        }
        assertTrue(largest > 0, "PyTorch's gradient is not 0");
        assertTrue(largestDifference <= 1e-3 * largest, "largest difference " + largestDifference
                + " against a largest gradient entry of " + largest);
        return largestDifference;
    }
}
