package io.robustgate.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An image file decoded losslessly to floats in [0,1], channel-last ({@code [H,W,C]}), with one
 * channel for grey images and three (RGB) otherwise; alpha is dropped.
 */
public record DecodedImage(float[] values, int height, int width, int channels) {

    public static DecodedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataSetException(file, "image file not found");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataSetException(file, "corrupt or unreadable image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DataSetException(file, "not a readable image (no decoder for this format)");
        }
        return image.getColorModel().getNumColorComponents() == 1 ? grey(image) : rgb(image);
    }

    private static DecodedImage grey(BufferedImage image) {
        Raster raster = image.getRaster();
        int height = image.getHeight();
        int width = image.getWidth();
        float scale = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
        float[] values = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                values[y * width + x] = raster.getSample(x, y, 0) / scale;
            }
        }
        return new DecodedImage(values, height, width, 1);
    }

    private static DecodedImage rgb(BufferedImage image) {
        int height = image.getHeight();
        int width = image.getWidth();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        float[] values = new float[height * width * 3];
        for (int i = 0; i < argb.length; i++) {
            values[3 * i] = ((argb[i] >> 16) & 0xff) / 255f;
            values[3 * i + 1] = ((argb[i] >> 8) & 0xff) / 255f;
            values[3 * i + 2] = (argb[i] & 0xff) / 255f;
        }
        return new DecodedImage(values, height, width, 3);
    }

    /** Repeats grey over channels, or converts RGB to float luminance (ITU-R BT.601), as the model needs. */
    public DecodedImage withChannels(int wanted) {
        return withChannels(wanted, GreyConversion.FLOAT);
    }

    /** Repeats grey over channels, or converts RGB to grey with the given rule, as the model needs. */
    public DecodedImage withChannels(int wanted, GreyConversion grey) {
        if (wanted == channels) {
            return this;
        }
        int pixels = height * width;
        if (channels == 1 && wanted == 3) {
            float[] converted = new float[pixels * 3];
            for (int i = 0; i < pixels; i++) {
                converted[3 * i] = converted[3 * i + 1] = converted[3 * i + 2] = values[i];
            }
            return new DecodedImage(converted, height, width, 3);
        }
        if (channels == 3 && wanted == 1) {
            return new DecodedImage(grey.toGrey(values), height, width, 1);
        }
        throw new IllegalArgumentException("cannot convert " + channels + " channels to " + wanted);
    }

    /** One value per pixel: 1 where the grey level (mean of RGB) is above 127 of 255. */
    public float[] binarised() {
        int pixels = height * width;
        float[] mask = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            float level = 0;
            for (int c = 0; c < channels; c++) {
                level += values[i * channels + c];
            }
            mask[i] = level / channels > 127f / 255f ? 1f : 0f;
        }
        return mask;
    }
}
