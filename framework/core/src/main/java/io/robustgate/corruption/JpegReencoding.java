package io.robustgate.corruption;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Lossy storage: the image rounded to 8 bits ({@code ⌊255·x + ½⌋}), written as a baseline JPEG by
 * the JDK's ImageIO writer at an explicit {@code quality} (the IJG scaling of the standard tables:
 * quality 25 doubles them), read back by ImageIO, divided by 255. One channel is written as a
 * greyscale JPEG; three as JFIF YCbCr with ImageIO's default chroma subsampling for three channels,
 * 4:2:0 (Cb and Cr at half resolution in both directions), as Pillow's default is.
 */
record JpegReencoding(int quality) implements Corruption {

    @Override
    public ChannelImage apply(ChannelImage image, CounterNoise noise) {
        if (image.channels() != 1 && image.channels() != 3) {
            throw new IllegalArgumentException("jpeg: a JPEG holds 1 (grey) or 3 (RGB) channels, not " + image.channels());
        }
        return decode(encode(eightBit(image)), image);
    }

    private static BufferedImage eightBit(ChannelImage image) {
        int h = image.height();
        int w = image.width();
        boolean grey = image.channels() == 1;
        BufferedImage picture = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = picture.getRaster();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.setSample(x, y, c, (int) Math.floor(255 * ChannelImage.clip(image.at(c, y, x)) + 0.5));
                }
            }
        }
        return picture;
    }

    private byte[] encode(BufferedImage picture) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(picture, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("jpeg: writing at quality " + quality + " failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ChannelImage decode(byte[] jpeg, ChannelImage like) {
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException("jpeg: reading back the re-encoded image failed: " + e.getMessage(), e);
        }
        int h = like.height();
        int w = like.width();
        float[] out = new float[like.values().length];
        var raster = decoded.getRaster();
        for (int c = 0; c < like.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(c * h + y) * w + x] = raster.getSample(x, y, c) / 255f;
                }
            }
        }
        return like.with(out);
    }
}
