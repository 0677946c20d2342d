package io.robustgate.data;

/**
 * The size of one pixel in millimetres, down the rows and along the columns, as a held-out set's
 * annotation gives it for the original image ({@code "pixel_spacing_mm": 0.0691} or
 * {@code [0.07, 0.05]}); boundary metrics (HD95, NSD) are then in millimetres.
 */
public record PixelSpacing(double rows, double columns) {

    public PixelSpacing {
        if (!(rows > 0) || !(columns > 0) || Double.isInfinite(rows) || Double.isInfinite(columns)) {
            throw new IllegalArgumentException("a pixel spacing is positive and finite, was " + rows + " × " + columns);
        }
    }

    /**
     * The spacing after resizing the image from {@code height × width} to the model's
     * {@code toHeight × toWidth}: the same field of view over fewer or more pixels.
     */
    public PixelSpacing resized(int height, int width, int toHeight, int toWidth) {
        return new PixelSpacing(rows * height / toHeight, columns * width / toWidth);
    }
}
