package io.robustgate.data;

import java.nio.file.Path;

/**
 * One (image, mask, prompt) triple. An image with several masks or prompts yields several
 * samples, so a sample is never keyed by its image name alone.
 *
 * @param spacing the original image's pixel size, when the annotation gives it; null otherwise
 *     (boundary metrics are then in pixels)
 */
public record Sample(String imageName, String maskName, String promptKey, String prompt, Path imageFile, Path maskFile,
        PixelSpacing spacing) {

    /** A sample without a pixel spacing. */
    public Sample(String imageName, String maskName, String promptKey, String prompt, Path imageFile, Path maskFile) {
        this(imageName, maskName, promptKey, prompt, imageFile, maskFile, null);
    }

    /** Unique within a held-out set. */
    public String id() {
        return imageName + "|" + maskName + "|" + promptKey;
    }
}
