package io.robustgate.corruption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Java against the independent Python reference (python/reference_corruptions.py, written from
 * docs/corruptions.md with scipy, Pillow and colorsys): two 32×32 images, every kind at severities
 * 1, 3, 5, value by value.
 */
class CorruptionGoldenTest {

    private static final String ROOT = "/corruptions/";
    /** One grey level: the reference's float64 and Java's float32/double differ far below it. */
    private static final double ONE_LEVEL = 1 / 255.0;
    /**
     * Pillow's libjpeg-turbo and the JDK's ImageIO (IJG 6b inside) are both baseline codecs with the
     * same quality scaling, 4:2:0 for RGB and the integer ("islow") DCT; libjpeg-turbo keeps that DCT
     * bit-exact with IJG's. Measured on these images (Pillow 12.3.0 with libjpeg-turbo 3.1.4.1, OpenJDK 17.0.15
     * 2026-12-04): identical, max and mean difference 0 at every quality, grey and RGB. The
     * bound allows one grey level (another build's fancy upsampling or rounding), and a mean far below it.
     */
    private static final double JPEG_MAX = ONE_LEVEL;
    private static final double JPEG_MEAN = 0.1 / 255.0;

    private static float[] read(String file) throws IOException {
        try (InputStream in = CorruptionGoldenTest.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IOException(ROOT + file + " is missing: run python/reference_corruptions.py");
            }
            byte[] bytes = in.readAllBytes();
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }
    }

    @Test
    void everyKindAgreesWithThePythonReference() throws IOException {
        JsonNode record;
        try (InputStream in = CorruptionGoldenTest.class.getResourceAsStream(ROOT + "corruptions.json")) {
            record = new ObjectMapper().readTree(in);
        }
        StringBuilder measured = new StringBuilder();
        for (JsonNode image : record.get("images")) {
            String name = image.get("name").asText();
            String id = image.get("id").asText();
            long seed = image.get("sampleSeed").asLong();
            assertEquals(new SplittableRandom(record.get("seed").asLong() ^ id.hashCode()).nextLong(), seed,
                    "the evaluator's sample seed of " + id + " as the reference computed it");
            JsonNode shape = image.get("shape");
            ChannelImage clean = new ChannelImage(read(image.get("clean").asText()), shape.get(0).asInt(),
                    shape.get(1).asInt(), shape.get(2).asInt());
            for (JsonNode kindName : record.get("kinds")) {
                CorruptionKind kind = CorruptionKind.named(kindName.asText());
                for (JsonNode severityNode : record.get("severities")) {
                    int severity = severityNode.asInt();
                    String file = name + "_" + kind.optionName() + "_s" + severity + ".f32";
                    float[] expected = read(file);
                    float[] actual = kind.at(severity).apply(clean, new CounterNoise(seed)).values();
                    assertEquals(expected.length, actual.length, file);
                    double max = 0;
                    double sum = 0;
                    for (int j = 0; j < expected.length; j++) {
                        double d = Math.abs(expected[j] - actual[j]);
                        max = Math.max(max, d);
                        sum += d;
                    }
                    double mean = sum / expected.length;
                    measured.append(String.format("%s: max %.3f/255, mean %.4f/255%n", file, max * 255, mean * 255));
                    if (kind == CorruptionKind.JPEG) {
                        assertTrue(max <= JPEG_MAX && mean <= JPEG_MEAN, file + ": max " + max * 255 + "/255, mean "
                                + mean * 255 + "/255 against Pillow's codec");
                    } else {
                        assertTrue(max <= ONE_LEVEL, file + ": max difference " + max * 255 + "/255");
                    }
                }
            }
        }
        System.out.print(measured);
    }
}
