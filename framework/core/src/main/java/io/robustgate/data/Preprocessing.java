package io.robustgate.data;

/**
 * The three choices that decide which pixels a model sees for a sample: the image's resize
 * kernel, the mask's resize and the RGB-to-grey rule for 1-channel models. The manifest names
 * them; the kernel's family supplies the defaults, so that {@code "resize": "pil-bilinear"}
 * alone reproduces a PIL pipeline and a bundle without any keeps today's PyTorch definitions.
 */
public record Preprocessing(ResizeKernel image, MaskResize mask, GreyConversion grey) {

    /** What a manifest without {@code image.resize} or with {@code "bilinear"} gets. */
    public static final Preprocessing TORCH = of(ResizeKernel.TORCH_BILINEAR);

    /** The kernel with its family's mask resize and grey conversion. */
    public static Preprocessing of(ResizeKernel kernel) {
        return new Preprocessing(kernel, kernel.defaultMaskResize(), kernel.defaultGreyConversion());
    }

    public Preprocessing withMask(MaskResize mask) {
        return new Preprocessing(image, mask, grey);
    }

    public Preprocessing withGrey(GreyConversion grey) {
        return new Preprocessing(image, mask, grey);
    }
}
