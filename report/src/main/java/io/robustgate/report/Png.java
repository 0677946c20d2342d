package io.robustgate.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** The report's pictures and charts as PNG bytes: lossless, so what the report shows is what was computed. */
final class Png {

    private Png() {}

    /** @param what names the picture in the error, e.g. "the panel of 000_HC.png" */
    static byte[] of(BufferedImage image, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + what, e);
        }
        return bytes.toByteArray();
    }

    /** @param what names the chart in the error */
    static byte[] of(Chart<?, ?> chart, String what) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + what, e);
        }
    }
}
