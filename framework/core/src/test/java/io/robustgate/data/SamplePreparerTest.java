package io.robustgate.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplePreparerTest {

    @TempDir
    Path root;

    private Path grey(String name, int width, int height, int level) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, x < width / 2 ? level : 0);
            }
        }
        Path file = root.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void resizesToTheModelAndBinarisesTheMask() throws IOException {
        Sample sample = new Sample("i.png", "m.png", "p1", "x", grey("i.png", 40, 20, 255), grey("m.png", 40, 20, 200));
        PreparedSample prepared = new SamplePreparer(3, 10, 8).prepare(sample);
        assertEquals(3 * 10 * 8, prepared.pixels().length);
        assertEquals(10 * 8, prepared.mask().length);
        assertEquals(1f, prepared.pixels()[0], 1e-6, "left half is white");
        assertEquals(0f, prepared.pixels()[7], 1e-6, "right half is black");
        assertEquals(1f, prepared.pixels()[2 * 80], 1e-6, "grey repeated into the third channel");
        assertEquals(1f, prepared.mask()[0]);
        assertEquals(0f, prepared.mask()[7]);
        for (float value : prepared.mask()) {
            assertTrue(value == 0f || value == 1f);
        }
    }

    @Test
    void maskOfAnotherSizeThanItsImageIsRefusedNamingBoth() throws IOException {
        Sample sample = new Sample("i.png", "m.png", "p1", "x", grey("i.png", 40, 20, 255), grey("m.png", 20, 10, 255));
        DataSetException e = assertThrows(DataSetException.class, () -> new SamplePreparer(3, 10, 8).prepare(sample));
        assertTrue(e.getMessage().contains("m.png") && e.getMessage().contains("20x10")
                && e.getMessage().contains("i.png") && e.getMessage().contains("40x20"), e.getMessage());
    }
}
