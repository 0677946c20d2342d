package io.robustgate;

import ai.djl.Device;
import io.robustgate.model.ModelBundle;
import java.nio.file.Path;

/**
 * The golden fixture behind gradient-masking defences, written by
 * {@code python/build_masked_models.py}: {@code quantised} rounds its input to 3 bits (every input
 * gradient exactly 0), {@code randomised} resizes and pads it at random on every forward pass.
 * They read the golden held-out set ({@link GoldenFixture#heldOutSet()}).
 */
public final class MaskedFixtures {

    public static final Path ROOT = Path.of("src/test/resources/masked");

    private MaskedFixtures() {}

    public static ModelBundle quantised() {
        return ModelBundle.load(ROOT.resolve("quantised"), Device.cpu());
    }

    public static ModelBundle randomised() {
        return ModelBundle.load(ROOT.resolve("randomised"), Device.cpu());
    }
}
