package io.robustgate.report;

import java.awt.image.BufferedImage;

/** How many pixels of a rendered picture have one colour: what the picture tests check a line or a band by. */
final class PixelCount {

    private PixelCount() {}

    /** Pixels whose RGB (alpha ignored) is {@code rgb}. */
    static int of(BufferedImage image, int rgb) {
        int wanted = rgb & 0xFFFFFF;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == wanted) {
                    n++;
                }
            }
        }
        return n;
    }
}
