package io.robustgate.report;

import io.robustgate.evaluation.SampleArtifacts;
import java.awt.image.BufferedImage;

/**
 * The attacked prediction laid over the adversarial image, with the ground truth's outline on top:
 * where the two disagree is where the attack won, which side-by-side masks make the reader hunt for.
 * Red fill (half transparent) is the attacked prediction, the green line the truth's boundary.
 * Enlarged by the same whole factor as {@link SamplePanel}'s tiles.
 */
public final class MaskOverlay {

    private static final int PREDICTION = 0xE53935;
    private static final int TRUTH_OUTLINE = 0x00E676;
    private static final float FILL_ALPHA = 0.45f;

    private final SampleArtifacts sample;
    private final int scale;

    public MaskOverlay(SampleArtifacts sample) {
        this.sample = sample;
        this.scale = new SamplePanel(sample).scale(); // also checks the arrays against the shape
    }

    public BufferedImage render() {
        int h = sample.height();
        int w = sample.width();
        int plane = h * w;
        boolean grey = sample.channels() < 3;
        boolean[] truth = new boolean[plane];
        for (int i = 0; i < plane; i++) {
            truth[i] = sample.truth()[i] > 0.5f;
        }
        BufferedImage image = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float[] adversarial = sample.adversarial();
                int r = level(adversarial[i]);
                int g = grey ? r : level(adversarial[plane + i]);
                int b = grey ? r : level(adversarial[2 * plane + i]);
                if (sample.adversarialPrediction()[i]) {
                    r = blend(r, PREDICTION >> 16 & 0xFF);
                    g = blend(g, PREDICTION >> 8 & 0xFF);
                    b = blend(b, PREDICTION & 0xFF);
                }
                int rgb = boundary(truth, x, y) ? TRUTH_OUTLINE : (r << 16) | (g << 8) | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return image;
    }

    public byte[] png() {
        return Png.of(render(), "the overlay of " + sample.sample().imageName());
    }

    /** A truth pixel with a 4-neighbour outside the truth (or on the image border). */
    private boolean boundary(boolean[] truth, int x, int y) {
        int w = sample.width();
        int h = sample.height();
        if (!truth[y * w + x]) {
            return false;
        }
        return x == 0 || y == 0 || x == w - 1 || y == h - 1 || !truth[y * w + x - 1] || !truth[y * w + x + 1]
                || !truth[(y - 1) * w + x] || !truth[(y + 1) * w + x];
    }

    private static int blend(int under, int over) {
        return Math.round(under * (1 - FILL_ALPHA) + over * FILL_ALPHA);
    }

    private static int level(float value) {
        return Math.round(Math.max(0f, Math.min(1f, value)) * 255f);
    }
}
