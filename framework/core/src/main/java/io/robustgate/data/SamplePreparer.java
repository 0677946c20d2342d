package io.robustgate.data;

/**
 * Brings samples to the model's input: decode, match channels (grey by the chosen rule), resize
 * the [0,1] image with the chosen kernel and the mask with the chosen nearest-neighbour rule,
 * then lay the image out channel-first. Channels are matched before resizing, as a PIL pipeline
 * converts the image's mode before {@code resize}; for 8-bit kernels the order changes the
 * rounding.
 */
public final class SamplePreparer {

    private final int channels;
    private final int height;
    private final int width;
    private final Preprocessing preprocessing;

    /** PyTorch's definitions ({@link Preprocessing#TORCH}), what {@code "resize": "bilinear"} means. */
    public SamplePreparer(int channels, int height, int width) {
        this(channels, height, width, Preprocessing.TORCH);
    }

    public SamplePreparer(int channels, int height, int width, Preprocessing preprocessing) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.preprocessing = preprocessing;
    }

    public PreparedSample prepare(Sample sample) {
        DecodedImage image = DecodedImage.read(sample.imageFile()).withChannels(channels, preprocessing.grey());
        DecodedImage mask = DecodedImage.read(sample.maskFile());
        if (mask.height() != image.height() || mask.width() != image.width()) {
            throw new DataSetException(sample.maskFile(), "mask is " + mask.width() + "x" + mask.height()
                    + " but its image " + sample.imageFile().getFileName() + " is " + image.width() + "x" + image.height());
        }
        float[] hwc = image.values();
        float[] binary = mask.binarised();
        if (image.height() != height || image.width() != width) {
            hwc = preprocessing.image().resize(hwc, image.height(), image.width(), channels, height, width);
            binary = preprocessing.mask().resize(binary, mask.height(), mask.width(), 1, height, width);
        }
        PixelSpacing spacing = sample.spacing() == null ? null
                : sample.spacing().resized(image.height(), image.width(), height, width);
        return new PreparedSample(sample, channelFirst(hwc), binary, channels, height, width, spacing);
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
