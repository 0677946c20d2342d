package io.robustgate.data;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an RGB image becomes the single channel of a 1-channel model: the manifest's
 * {@code image.grey}. Both weigh R, G, B by ITU-R 601-2 (0.299, 0.587, 0.114); they differ in
 * where they round.
 */
public enum GreyConversion {

    /**
     * Pillow's {@code convert("L")} on 8-bit values, in 16-bit fixed point (Convert.c):
     * {@code L = (19595·R + 38470·G + 7471·B + 32768) >> 16}, i.e. 0.299/0.587/0.114 scaled by
     * 2^16, rounded to the nearest 8-bit value.
     */
    PIL("pil"),

    /** {@code 0.299·R + 0.587·G + 0.114·B} on [0,1] floats, unrounded. */
    FLOAT("float");

    private final String manifestName;

    GreyConversion(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    public static Optional<GreyConversion> named(String name) {
        return Arrays.stream(values()).filter(g -> g.manifestName.equals(name)).findFirst();
    }

    public static String accepted() {
        return Arrays.stream(values()).map(g -> '"' + g.manifestName + '"').collect(Collectors.joining(", "));
    }

    /** One grey value per pixel of a channel-last RGB image in [0,1]. */
    public float[] toGrey(float[] rgb) {
        int pixels = rgb.length / 3;
        float[] grey = new float[pixels];
        if (this == FLOAT) {
            for (int i = 0; i < pixels; i++) {
                grey[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
            }
            return grey;
        }
        int[] bytes = EightBit.of(rgb);
        for (int i = 0; i < pixels; i++) {
            grey[i] = ((bytes[3 * i] * 19595 + bytes[3 * i + 1] * 38470 + bytes[3 * i + 2] * 7471 + 0x8000) >> 16) / 255f;
        }
        return grey;
    }
}
