package io.robustgate.data;

/**
 * The pixels away from a true mask: farther than {@link #RADIUS} pixels (Euclidean) from every
 * foreground pixel, i.e. outside the mask's dilation by a disc of that radius. Foreground there is
 * a false positive that a boundary merely moving cannot explain; the HALLUCINATE attack draws its
 * target there and the false-positive-area metric counts it there. The radius is in pixels of the
 * model's input, whatever the pixel spacing: the dilation is a shape, not a distance that is gated.
 */
public final class LesionSurroundings {

    /** Dilation radius in pixels. */
    public static final int RADIUS = 5;

    private LesionSurroundings() {}

    /** Row-major {@code [H,W]}: true where no foreground pixel of {@code mask} lies within {@link #RADIUS}. */
    public static boolean[] away(boolean[] mask, int height, int width) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("a mask of " + mask.length + " pixels is not " + height + "×" + width);
        }
        boolean[] away = new boolean[mask.length];
        java.util.Arrays.fill(away, true);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x]) {
                    for (int dy = -RADIUS; dy <= RADIUS; dy++) {
                        for (int dx = -RADIUS; dx <= RADIUS; dx++) {
                            int yy = y + dy;
                            int xx = x + dx;
                            if (dy * dy + dx * dx <= RADIUS * RADIUS && yy >= 0 && yy < height && xx >= 0 && xx < width) {
                                away[yy * width + xx] = false;
                            }
                        }
                    }
                }
            }
        }
        return away;
    }
}
