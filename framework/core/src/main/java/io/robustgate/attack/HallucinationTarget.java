package io.robustgate.attack;

import io.robustgate.data.LesionSurroundings;
import java.util.SplittableRandom;

/**
 * Where HALLUCINATE draws a lesion that is not there: a square of side
 * {@code max(1, round(SIDE_SHARE·min(H,W)))} whose every pixel lies away from the true mask
 * ({@link LesionSurroundings}: outside its dilation by a disc of radius 5 pixels). Its top-left
 * corner is drawn uniformly, with the sample's own seed, from all corners that qualify, in row-major
 * order; an image with none (a lesion filling the picture) gets no target.
 */
final class HallucinationTarget {

    /** The square's side as a share of the image's shorter side: a lesion-sized blob, not a speck. */
    static final double SIDE_SHARE = 0.15;

    private HallucinationTarget() {}

    /** The square's pixel count for an image of this size. */
    static int area(int height, int width) {
        int side = side(height, width);
        return side * side;
    }

    private static int side(int height, int width) {
        return (int) Math.max(1, Math.round(SIDE_SHARE * Math.min(height, width)));
    }

    /** Row-major {@code [H,W]} 0/1 target of one sample; null when no square fits away from the mask. */
    static float[] square(boolean[] truth, int height, int width, long seed) {
        int side = side(height, width);
        boolean[] away = LesionSurroundings.away(truth, height, width);
        int[] free = new int[(height + 1) * (width + 1)]; // summed-area table of pixels not away
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                free[(y + 1) * (width + 1) + x + 1] = (away[y * width + x] ? 0 : 1) + free[y * (width + 1) + x + 1]
                        + free[(y + 1) * (width + 1) + x] - free[y * (width + 1) + x];
            }
        }
        int rows = height - side + 1;
        int columns = width - side + 1;
        int[] corners = new int[Math.max(0, rows * columns)];
        int count = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int near = free[(y + side) * (width + 1) + x + side] - free[y * (width + 1) + x + side]
                        - free[(y + side) * (width + 1) + x] + free[y * (width + 1) + x];
                if (near == 0) {
                    corners[count++] = y * width + x;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        int corner = corners[new SplittableRandom(seed).nextInt(count)];
        float[] target = new float[height * width];
        for (int dy = 0; dy < side; dy++) {
            for (int dx = 0; dx < side; dx++) {
                target[corner + dy * width + dx] = 1;
            }
        }
        return target;
    }
}
