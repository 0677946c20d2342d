package io.robustgate.metric;

import java.util.Arrays;

/**
 * The exact Euclidean distance from every pixel to the nearest pixel of a set, with anisotropic
 * pixel spacing: what {@code scipy.ndimage.distance_transform_edt(~set, sampling=(sy, sx))} gives.
 * Felzenszwalb and Huttenlocher's lower envelope of parabolas ("Distance transforms of sampled
 * functions", Theory of Computing 2012), along columns and then along rows: O(pixels).
 */
final class DistanceTransform {

    private DistanceTransform() {}

    /** Distances to the nearest {@code true} pixel; {@link Double#POSITIVE_INFINITY} everywhere when there is none. */
    static double[] to(boolean[] set, int height, int width, double spacingY, double spacingX) {
        double[] squared = new double[set.length];
        for (int i = 0; i < set.length; i++) {
            squared[i] = set[i] ? 0 : Double.POSITIVE_INFINITY;
        }
        double[] line = new double[Math.max(height, width)];
        double[] out = new double[line.length];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = squared[y * width + x];
            }
            envelope(line, height, spacingY, out);
            for (int y = 0; y < height; y++) {
                squared[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(squared, y * width, line, 0, width);
            envelope(line, width, spacingX, out);
            System.arraycopy(out, 0, squared, y * width, width);
        }
        double[] distance = new double[set.length];
        for (int i = 0; i < set.length; i++) {
            distance[i] = Math.sqrt(squared[i]);
        }
        return distance;
    }

    /**
     * {@code out[q] = min over p of f[p] + ((q − p)·spacing)²} for the first {@code n} entries;
     * entries of {@code f} that are infinite contribute no parabola.
     */
    private static void envelope(double[] f, int n, double spacing, double[] out) {
        int[] vertex = new int[n];
        double[] boundary = new double[n + 1];
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue;
            }
            double position = q * spacing;
            double s = Double.NEGATIVE_INFINITY;
            while (k >= 0) {
                int v = vertex[k];
                double vPosition = v * spacing;
                s = ((f[q] + position * position) - (f[v] + vPosition * vPosition)) / (2 * (position - vPosition));
                if (s <= boundary[k]) {
                    k--;
                } else {
                    break;
                }
            }
            k++;
            vertex[k] = q;
            boundary[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
            boundary[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            Arrays.fill(out, 0, n, Double.POSITIVE_INFINITY);
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            double position = q * spacing;
            while (boundary[j + 1] < position) {
                j++;
            }
            double d = position - vertex[j] * spacing;
            out[q] = d * d + f[vertex[j]];
        }
    }
}
