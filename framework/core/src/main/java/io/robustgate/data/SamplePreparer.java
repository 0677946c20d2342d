package io.robustgate.data;

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

    public PreparedSample prepare(Sample sample) {
        DecodedImage image = DecodedImage.read(sample.imageFile()).withChannels(channels);
        DecodedImage mask = DecodedImage.read(sample.maskFile());
        if (mask.height() != image.height() || mask.width() != image.width()) {
            throw new DataSetException(sample.maskFile(), "mask is " + mask.width() + "x" + mask.height()
                    + " but its image " + sample.imageFile().getFileName() + " is " + image.width() + "x" + image.height());
        }
        float[] hwc = image.values();
        float[] binary = mask.binarised();
        if (image.height() != height || image.width() != width) {
            hwc = TorchInterpolation.bilinear(hwc, image.height(), image.width(), channels, height, width);
            binary = TorchInterpolation.nearest(binary, mask.height(), mask.width(), 1, height, width);
        }
        return new PreparedSample(sample, channelFirst(hwc), binary, channels, height, width);
    }

    private float[] channelFirst(float[] hwc) {
        int plane = height * width;
        float[] chw = new float[hwc.length];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < channels; c++) {
                chw[c * plane + i] = hwc[i * channels + c];
            }
        }
        return chw;
    }
}
