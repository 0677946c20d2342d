package io.robustgate.report;

import io.robustgate.attack.UniversalPerturbation;
import java.awt.image.BufferedImage;

/**
 * A universal perturbation made visible: {@code 0.5 + δ/(2·max|δ|)} per channel, so the largest
 * change is full black or white and zero is mid-grey — amplified as the sample panels' perturbation
 * tile is. Three channels show as colour, others as the mean over channels.
 */
public final class PerturbationPicture {

    private final UniversalPerturbation perturbation;

    public PerturbationPicture(UniversalPerturbation perturbation) {
        this.perturbation = perturbation;
    }

    /** The factor δ is multiplied by, e.g. 16 for a δ of at most 8/255. */
    public float amplification() {
        float max = perturbation.linf();
        return max > 0 ? 0.5f / max : 1f;
    }

    public BufferedImage render() {
        int channels = perturbation.channels();
        int height = perturbation.height();
        int width = perturbation.width();
        int plane = height * width;
        float[] delta = perturbation.delta();
        float gain = amplification();
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    float value = 0;
                    if (channels == 3) {
                        value = delta[k * plane + y * width + x];
                    } else {
                        for (int c = 0; c < channels; c++) {
                            value += delta[c * plane + y * width + x] / channels;
                        }
                    }
                    rgb[k] = Math.round(255 * Math.min(Math.max(0.5f + gain * value, 0f), 1f));
                }
                picture.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return picture;
    }

    public byte[] png() {
        return Png.of(render(), "the perturbation picture");
    }
}
