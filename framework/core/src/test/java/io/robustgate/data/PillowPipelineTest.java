package io.robustgate.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * PNG files through {@link SamplePreparer} against what {@code Image.open(f).convert(mode)
 * .resize(size, filter)} gave in Python: decoding, grey conversion, the order of conversion
 * and resize, and the channel-first layout, for 1- and 3-channel models.
 */
class PillowPipelineTest {

    private static final JsonNode GOLDEN = ResizeGolden.read("pipeline.json");

    @TempDir
    static Path temp;

    private static Sample sample(Path image) throws IOException {
        BufferedImage decoded = ImageIO.read(image.toFile());
        Path mask = temp.resolve("mask-" + image.getFileName());
        ImageIO.write(new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_BYTE_GRAY), "png",
                mask.toFile());
        return new Sample(image.getFileName().toString(), mask.getFileName().toString(), "p1", "x", image, mask);
    }

    @TestFactory
    Stream<DynamicTest> preparedPixelsEqualThePilPipeline() {
        Path folder = ResizeGolden.ROOT.resolve(GOLDEN.get("folder").asText());
        return StreamSupport.stream(GOLDEN.get("cases").spliterator(), false).map(c -> DynamicTest.dynamicTest(
                c.get("file").asText() + " -> " + c.get("channels").asInt() + " channel(s), " + c.get("resize").asText(),
                () -> {
                    int channels = c.get("channels").asInt();
                    int height = c.get("outHeight").asInt();
                    int width = c.get("outWidth").asInt();
                    ResizeKernel kernel = ResizeKernel.named(c.get("resize").asText()).orElseThrow();
                    PreparedSample prepared = new SamplePreparer(channels, height, width, Preprocessing.of(kernel))
                            .prepare(sample(folder.resolve(c.get("file").asText())));
                    float[] expected = channelFirst(ResizeGolden.unit(ResizeGolden.bytes(c.get("expected"))), channels);
                    assertArrayEquals(expected, prepared.pixels(), 0f);
                }));
    }

    @Test
    void convertingAfterResizingWouldGiveOtherBytes() throws IOException {
        // Pillow rounds to 8 bits after convert("L") and after each pass, so the order shows;
        // SamplePreparer converts first, as the golden pipeline did.
        JsonNode first = GOLDEN.get("cases").get(0);
        DecodedImage rgb = DecodedImage.read(ResizeGolden.ROOT.resolve("pipeline").resolve(first.get("file").asText()));
        float[] resizedThenGrey = GreyConversion.PIL.toGrey(ResizeKernel.PIL_BILINEAR.resize(rgb.values(), rgb.height(),
                rgb.width(), 3, first.get("outHeight").asInt(), first.get("outWidth").asInt()));
        float[] golden = ResizeGolden.unit(ResizeGolden.bytes(first.get("expected")));
        int differing = 0;
        for (int i = 0; i < golden.length; i++) {
            differing += golden[i] != resizedThenGrey[i] ? 1 : 0;
        }
        assertTrue(first.get("channels").asInt() == 1 && differing > 0, differing + " pixels differ");
    }

    private static float[] channelFirst(float[] hwc, int channels) {
        int plane = hwc.length / channels;
        float[] chw = new float[hwc.length];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < channels; c++) {
                chw[c * plane + i] = hwc[i * channels + c];
            }
        }
        return chw;
    }
}
