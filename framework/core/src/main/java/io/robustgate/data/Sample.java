package io.robustgate.data;

import java.nio.file.Path;

/**
 * One (image, mask, prompt) triple. An image with several masks or prompts yields several
 * samples, so a sample is never keyed by its image name alone.
 */
public record Sample(String imageName, String maskName, String promptKey, String prompt, Path imageFile, Path maskFile) {

    /** Unique within a held-out set. */
    public String id() {
        return imageName + "|" + maskName + "|" + promptKey;
    }
}
