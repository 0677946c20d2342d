package io.robustgate.data;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Brings samples to the model's input: decode, match channels, resize the [0,1] image bilinearly
 * (PyTorch's {@code interpolate}, half-pixel centres, no antialias — what the Python side uses) and
 * the mask with nearest neighbour, then lay the image out channel-first.
 */
public final class SamplePreparer {

    private final int channels;
    private final int height;
    private final int width;

    public SamplePreparer(int channels, int height, int width) {
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    public PreparedSample prepare(Sample sample, NDManager manager) {
        DecodedImage image = DecodedImage.read(sample.imageFile()).withChannels(channels);
        DecodedImage mask = DecodedImage.read(sample.maskFile());
        if (mask.height() != image.height() || mask.width() != image.width()) {
            throw new DataSetException(sample.maskFile(), "mask is " + mask.width() + "x" + mask.height()
                    + " but its image " + sample.imageFile().getFileName() + " is " + image.width() + "x" + image.height());
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray pixels = scope.create(image.values(), new Shape(image.height(), image.width(), channels));
            NDArray binary = scope.create(mask.binarised(), new Shape(mask.height(), mask.width(), 1));
            if (image.height() != height || image.width() != width) {
                pixels = NDImageUtils.resize(pixels, width, height, Image.Interpolation.BILINEAR);
                binary = NDImageUtils.resize(binary, width, height, Image.Interpolation.NEAREST);
            }
            float[] chw = pixels.transpose(2, 0, 1).toFloatArray();
            return new PreparedSample(sample, chw, binary.toFloatArray(), channels, height, width);
        }
    }
}
