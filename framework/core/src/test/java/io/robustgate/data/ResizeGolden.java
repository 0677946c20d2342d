package io.robustgate.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;

/** The values Pillow and PyTorch printed, written by {@code python/make_resize_golden.py}. */
final class ResizeGolden {

    static final Path ROOT = Path.of("src/test/resources/resize");

    private ResizeGolden() {}

    static JsonNode read(String file) {
        try {
            return new ObjectMapper().readTree(ROOT.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base64 of uint8 values. */
    static int[] bytes(JsonNode node) {
        byte[] raw = Base64.getDecoder().decode(node.asText());
        int[] values = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = raw[i] & 0xff;
        }
        return values;
    }

    /** Base64 of little-endian float32 values. */
    static float[] floats(JsonNode node) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(node.asText())).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    static float[] unit(int[] bytes) {
        float[] values = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] / 255f;
        }
        return values;
    }
}
