package io.robustgate.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.robustgate.data.Sample;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.ModelBundleException;
import java.util.List;

/**
 * Logits to masks: {@code sigmoid(z) > t} with the manifest's threshold, after the NaN check that
 * stops a run on a broken model, naming the sample, instead of scoring NaN as background.
 */
final class Thresholding {

    private final ModelBundle bundle;
    private final float threshold;

    Thresholding(ModelBundle bundle) {
        this.bundle = bundle;
        this.threshold = (float) bundle.manifest().output().threshold();
    }

    /** One mask per sample of the batch; {@code samples} are the batch's, in its order. */
    boolean[][] predictions(NDArray logits, List<Sample> samples) {
        float[] values = logits.toFloatArray();
        int batch = (int) logits.getShape().get(0);
        int pixels = values.length / batch;
        boolean[][] predictions = new boolean[batch][pixels];
        try (NDArray probabilities = Activation.sigmoid(logits)) {
            float[] p = probabilities.toFloatArray();
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < pixels; j++) {
                    if (Float.isNaN(values[b * pixels + j])) {
                        Sample sample = samples.get(b);
                        throw new ModelBundleException(bundle.directory().resolve(bundle.manifest().file()),
                                "returned NaN logits for " + sample.imageFile() + " (prompt \"" + sample.prompt() + "\")");
                    }
                    predictions[b][j] = p[b * pixels + j] > threshold;
                }
            }
        }
        return predictions;
    }
}
