package io.robustgate.data;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an image is brought to the model's input size: the manifest's {@code image.resize}. A gate
 * must see the pixels the model was trained and validated on, so each kernel reproduces one
 * Python pipeline exactly; docs/model-bundle.md's bundle table gives each definition.
 */
public enum ResizeKernel {

    /** {@code F.interpolate(mode="bilinear", align_corners=False)} on floats, no antialias. */
    TORCH_BILINEAR("torch-bilinear", Family.TORCH, null),

    /** {@code F.interpolate(mode="bilinear", align_corners=False, antialias=True)} on floats. */
    TORCH_BILINEAR_ANTIALIAS("torch-bilinear-antialias", Family.TORCH, null),

    /** Pillow's {@code Image.resize(size, Image.BILINEAR)} on 8-bit images (torchvision's default on PIL images). */
    PIL_BILINEAR("pil-bilinear", Family.PIL, ResamplingFilter.TRIANGLE),

    /** Pillow's {@code Image.resize(size, Image.BICUBIC)} on 8-bit images. */
    PIL_BICUBIC("pil-bicubic", Family.PIL, ResamplingFilter.KEYS_CUBIC),

    /** Pillow's {@code Image.resize(size, Image.LANCZOS)} on 8-bit images. */
    PIL_LANCZOS("pil-lanczos", Family.PIL, ResamplingFilter.LANCZOS3);

    /** Where a kernel comes from, which decides the default mask resize and grey conversion. */
    public enum Family { TORCH, PIL }

    /** What {@code "bilinear"} has always meant in a manifest; kept so existing bundles keep their numbers. */
    public static final String LEGACY_BILINEAR = "bilinear";

    private final String manifestName;
    private final Family family;
    private final ResamplingFilter pillowFilter;

    ResizeKernel(String manifestName, Family family, ResamplingFilter pillowFilter) {
        this.manifestName = manifestName;
        this.family = family;
        this.pillowFilter = pillowFilter;
    }

    public String manifestName() {
        return manifestName;
    }

    public Family family() {
        return family;
    }

    /** The kernel a manifest value names ({@code "bilinear"} is {@link #TORCH_BILINEAR}). */
    public static Optional<ResizeKernel> named(String name) {
        if (LEGACY_BILINEAR.equals(name)) {
            return Optional.of(TORCH_BILINEAR);
        }
        return Arrays.stream(values()).filter(k -> k.manifestName.equals(name)).findFirst();
    }

    /** Every accepted manifest value, for error messages. */
    public static String accepted() {
        return Arrays.stream(values()).map(k -> '"' + k.manifestName + '"').collect(Collectors.joining(", "))
                + " (\"" + LEGACY_BILINEAR + "\" = \"" + TORCH_BILINEAR.manifestName + "\")";
    }

    /** The mask resize of the same family: PIL pipelines resize masks with PIL too. */
    public MaskResize defaultMaskResize() {
        return family == Family.PIL ? MaskResize.NEAREST : MaskResize.TORCH_NEAREST;
    }

    /** The RGB-to-grey rule of the same family. */
    public GreyConversion defaultGreyConversion() {
        return family == Family.PIL ? GreyConversion.PIL : GreyConversion.FLOAT;
    }

    /** Resizes a channel-last [0,1] image; {@code pil-*} results are multiples of 1/255. */
    public float[] resize(float[] hwc, int height, int width, int channels, int outHeight, int outWidth) {
        return switch (this) {
            case TORCH_BILINEAR -> TorchInterpolation.bilinear(hwc, height, width, channels, outHeight, outWidth);
            case TORCH_BILINEAR_ANTIALIAS ->
                    TorchInterpolation.bilinearAntialias(hwc, height, width, channels, outHeight, outWidth);
            case PIL_BILINEAR, PIL_BICUBIC, PIL_LANCZOS -> EightBit.toUnit(PillowResize.resample(
                    EightBit.of(hwc), height, width, channels, outHeight, outWidth, pillowFilter));
        };
    }
}
