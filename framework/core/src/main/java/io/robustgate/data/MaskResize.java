package io.robustgate.data;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a mask is brought to the model's size: the manifest's {@code mask.resize}. Both pick one
 * source pixel per output pixel, but on grids half a pixel apart, so a mask resized the other
 * way than in training moves its edge by a pixel here and there.
 */
public enum MaskResize {

    /** Pillow's {@code Image.NEAREST}: the source pixel under the output pixel's centre, {@code floor((x + 0.5)·in/out)}. */
    NEAREST("nearest"),

    /** PyTorch's {@code F.interpolate(mode="nearest")}: {@code floor(x·in/out)}, the output pixel's corner. */
    TORCH_NEAREST("torch-nearest");

    private final String manifestName;

    MaskResize(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    public static Optional<MaskResize> named(String name) {
        return Arrays.stream(values()).filter(m -> m.manifestName.equals(name)).findFirst();
    }

    public static String accepted() {
        return Arrays.stream(values()).map(m -> '"' + m.manifestName + '"').collect(Collectors.joining(", "));
    }

    public float[] resize(float[] hwc, int height, int width, int channels, int outHeight, int outWidth) {
        return switch (this) {
            case NEAREST -> PillowResize.nearest(hwc, height, width, channels, outHeight, outWidth);
            case TORCH_NEAREST -> TorchInterpolation.nearest(hwc, height, width, channels, outHeight, outWidth);
        };
    }
}
