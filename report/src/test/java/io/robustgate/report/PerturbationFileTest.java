package io.robustgate.report;

import io.robustgate.results.PerturbationFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.UniversalPerturbation;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbationFileTest {

    private static final UniversalPerturbation DELTA = new UniversalPerturbation(3, 2, 2,
            new float[] {8 / 255f, -8 / 255f, 0, 1e-7f, 0, 0, 0, 0, -3 / 255f, 0, 0, 8 / 255f}, List.of(0.1, 0.2));

    @Test
    void aWrittenPerturbationReadsBackBitForBitInTheSafetensorsLayout(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("universal" + PerturbationFile.SUFFIX);
        PerturbationFile.write(file, DELTA, Map.of("eps", "8/255"));
        assertArrayEquals(DELTA.delta(), PerturbationFile.read(file).delta(), 0f);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong();
        String header = new String(Files.readAllBytes(file), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"delta\":{\"dtype\":\"F32\",\"shape\":[3,2,2],\"data_offsets\":[0,48]}"), header);
        assertEquals(8 + headerLength + 48, Files.size(file), "header, then 12 float32 values");
    }

    @Test
    void thePictureAmplifiesTheLargestChangeToFullBrightnessAndZeroToGrey() {
        PerturbationPicture picture = new PerturbationPicture(DELTA);
        assertEquals(0.5f / (8 / 255f), picture.amplification(), 1e-3f);
        BufferedImage image = picture.render();
        assertEquals(0xff8050, image.getRGB(0, 0) & 0xffffff, "red +max white, green 0 grey, blue −3/8 of max darker");
        assertEquals(0x00, (image.getRGB(1, 0) >> 16) & 0xff, "red −max is black");
        assertEquals(0xff, image.getRGB(1, 1) & 0xff, "blue +max is white");
    }
}
