package io.robustgate.metric;

/**
 * The boundary of a mask as MONAI's {@code get_mask_edges} takes it: the foreground pixels that a
 * 4-connected erosion removes, i.e. those with a background pixel, or the image's edge, above,
 * below, left or right of them.
 */
final class MaskBoundary {

    private MaskBoundary() {}

    static boolean[] of(boolean[] mask, int height, int width) {
        boolean[] boundary = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (!mask[i]) {
                    continue;
                }
                boolean interior = y > 0 && y < height - 1 && x > 0 && x < width - 1
                        && mask[i - width] && mask[i + width] && mask[i - 1] && mask[i + 1];
                boundary[i] = !interior;
            }
        }
        return boundary;
    }

    static int count(boolean[] boundary) {
        int n = 0;
        for (boolean b : boundary) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
