package io.robustgate.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;

/**
 * The attacked function: pixels in [0,1] → normalised → TorchScript forward → logits {@code [B,H,W]}.
 *
 * <p>Normalisation happens here, inside the differentiated function, so attack budgets are in
 * [0,1] pixel units. The module's parameters are frozen (no weight gradients) and it is kept in
 * eval mode: DJL's {@code forward(training=true)} is needed for autograd but would switch
 * Dropout/BatchNorm to training behaviour, so eval is enforced once at load and the block is only
 * ever called with {@code training=true}, which never toggles it back. Not thread-safe.
 */
public final class SegmentationNetwork {

    private final PtSymbolBlock block;
    private final Path moduleFile;
    private final ModelManifest.ImageSpec image;
    private final NDArray mean;
    private final NDArray std;
    private final ParameterStore parameterStore;
    /** The bundle's BPDA stand-in ({@code gradientFile}), or this network itself. */
    private final SegmentationNetwork gradientPath;

    /** {@code gradientStandIn}: the network input gradients are taken through (BPDA), or null for this one. */
    SegmentationNetwork(PtSymbolBlock block, Path moduleFile, ModelManifest.ImageSpec image, NDManager manager,
            SegmentationNetwork gradientStandIn) {
        this.block = block;
        this.moduleFile = moduleFile;
        this.image = image;
        Shape perChannel = new Shape(1, image.channels(), 1, 1);
        this.mean = NativeCopy.of(manager, image.mean(), perChannel);
        this.std = NativeCopy.of(manager, image.std(), perChannel);
        this.parameterStore = new ParameterStore(manager, false);
        this.gradientPath = gradientStandIn == null ? this : gradientStandIn;
        block.freezeParameters(true);
        JniUtils.enableInferenceMode(block);
    }

    /** Whether the bundle declares a differentiable stand-in (BPDA) for input gradients. */
    public boolean hasGradientStandIn() {
        return gradientPath != this;
    }

    /**
     * Logits to differentiate for an input gradient: the stand-in's where the bundle declares one
     * (their values are not the model's and must not be scored), else {@link #logits}.
     */
    public NDArray gradientLogits(NDArray pixels, NDArray inputIds, NDArray attentionMask) {
        return gradientPath.logits(pixels, inputIds, attentionMask);
    }

    public ModelManifest.ImageSpec image() {
        return image;
    }

    /** Per-channel standard deviation {@code [1,C,1,1]}, used to express budgets in normalised units. */
    public NDArray std() {
        return std;
    }

    /** Logits {@code [B,H,W]} for pixels {@code [B,C,H,W]} in [0,1]. */
    public NDArray logits(NDArray pixels, NDArray inputIds, NDArray attentionMask) {
        NDArray normalised = pixels.sub(mean).div(std);
        NDList output;
        try {
            output = block.forward(parameterStore, new NDList(normalised, inputIds, attentionMask), true);
        } catch (EngineException e) {
            throw new ModelBundleException(moduleFile,
                    "forward(pixel_values float32[B,C,H,W], input_ids int64[B,L], attention_mask int64[B,L]) failed: "
                            + firstLine(e.getMessage()), e);
        }
        return asLogitMap(output, pixels.getShape().get(0));
    }

    private NDArray asLogitMap(NDList output, long batch) {
        if (output.isEmpty()) {
            throw wrongOutput("nothing");
        }
        NDArray logits = output.get(0);
        Shape shape = logits.getShape();
        boolean withChannel = shape.dimension() == 4 && shape.get(1) == 1;
        boolean plain = shape.dimension() == 3;
        int offset = withChannel ? 2 : 1;
        if (!(withChannel || plain) || shape.get(0) != batch
                || shape.get(offset) != image.height() || shape.get(offset + 1) != image.width()) {
            throw wrongOutput(java.util.Arrays.toString(shape.getShape()));
        }
        return withChannel ? logits.squeeze(1) : logits;
    }

    private ModelBundleException wrongOutput(String got) {
        return new ModelBundleException(moduleFile, "forward returned " + got + " but logits of shape [B,1,"
                + image.height() + "," + image.width() + "] or [B," + image.height() + "," + image.width()
                + "] are expected");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
