package io.robustgate.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldOutSetTest {

    @TempDir
    Path root;

    private void annotations(String json) throws IOException {
        Files.createDirectories(root.resolve("anns"));
        Files.writeString(root.resolve("anns/test.json"), json);
    }

    private void image(String folder, String name, int width, int height) throws IOException {
        Files.createDirectories(root.resolve(folder));
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png", root.resolve(folder).resolve(name).toFile());
    }

    @Test
    void onePromptKeyGivesOneSamplePerEntryAndAListGivesItsFirstElement() throws IOException {
        annotations("""
                [{"img_name": "a.png", "mask_name": "a_m.png", "prompts": {"p0": "", "p1": "fetal head", "p2": ["skull", "head"]}},
                 {"img_name": "a.png", "mask_name": "a_m2.png", "prompts": {"p0": "", "p1": ["fetal skull", "x"], "p2": "y"}}]""");
        HeldOutSet set = HeldOutSet.load(root, "test", PromptChoice.of("p1"));
        assertEquals(List.of("fetal head", "fetal skull"), set.samples().stream().map(Sample::prompt).toList());
        assertEquals(2, set.samples().stream().map(Sample::id).distinct().count(), "one image with two masks: two samples");
        assertEquals("skull", HeldOutSet.load(root, "test", PromptChoice.of("p2")).limit(1).samples().get(0).prompt());
    }

    @Test
    void allMakesEveryNonEmptyVariantASample() throws IOException {
        annotations("""
                [{"img_name": "a.png", "mask_name": "a_m.png", "prompts": {"p0": "", "p1": "fetal head", "p2": ["skull", "head"]}}]""");
        HeldOutSet set = HeldOutSet.load(root, "test", PromptChoice.of("all"));
        assertEquals(List.of("p1", "p2[0]", "p2[1]"), set.samples().stream().map(Sample::promptKey).toList());
        assertEquals(List.of("fetal head", "skull", "head"), set.samples().stream().map(Sample::prompt).toList());
    }

    @Test
    void missingPromptKeyNamesTheFileAndTheKeysThatExist() throws IOException {
        annotations("""
                [{"img_name": "a.png", "mask_name": "a_m.png", "prompts": {"p0": "", "p1": "fetal head"}}]""");
        DataSetException e = assertThrows(DataSetException.class, () -> HeldOutSet.load(root, "test", PromptChoice.of("p9")));
        assertTrue(e.getMessage().contains("test.json") && e.getMessage().contains("'p9'") && e.getMessage().contains("p0, p1"),
                e.getMessage());
    }

    @Test
    void annotationJsonThatDoesNotParseNamesTheFile() throws IOException {
        annotations("[{\"img_name\": \"a.png\",");
        DataSetException e = assertThrows(DataSetException.class, () -> HeldOutSet.load(root, "test", PromptChoice.DEFAULT));
        assertTrue(e.getMessage().contains("test.json") && e.getMessage().contains("does not parse"), e.getMessage());
    }

    @Test
    void missingSplitNamesTheAnnotationFile() {
        DataSetException e = assertThrows(DataSetException.class, () -> HeldOutSet.load(root, "val", PromptChoice.DEFAULT));
        assertTrue(e.getMessage().contains("val.json") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void fileNamesThatEscapeTheRootAreRefused() throws IOException {
        for (String name : List.of("../../etc/passwd", "/etc/passwd", "sub/../../secret.png")) {
            annotations("[{\"img_name\": \"" + name + "\", \"mask_name\": \"m.png\", \"prompts\": {\"p1\": \"x\"}}]");
            DataSetException e = assertThrows(DataSetException.class, () -> HeldOutSet.load(root, "test", PromptChoice.DEFAULT));
            assertTrue(e.getMessage().contains("escapes") && e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void missingImageNamesTheFile() throws IOException {
        annotations("[{\"img_name\": \"gone.png\", \"mask_name\": \"m.png\", \"prompts\": {\"p1\": \"x\"}}]");
        Sample sample = HeldOutSet.load(root, "test", PromptChoice.DEFAULT).samples().get(0);
        DataSetException e = assertThrows(DataSetException.class, () -> DecodedImage.read(sample.imageFile()));
        assertTrue(e.getMessage().contains("gone.png") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void corruptImageNamesTheFile() throws IOException {
        Files.createDirectories(root.resolve("images"));
        Path corrupt = root.resolve("images/broken.png");
        Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2});
        DataSetException e = assertThrows(DataSetException.class, () -> DecodedImage.read(corrupt));
        assertTrue(e.getMessage().contains("broken.png") && e.getMessage().contains("image"), e.getMessage());
        Path text = root.resolve("images/notes.png");
        Files.writeString(text, "not an image");
        DataSetException plain = assertThrows(DataSetException.class, () -> DecodedImage.read(text));
        assertTrue(plain.getMessage().contains("notes.png"), plain.getMessage());
    }

    @Test
    void greyImagesAreRepeatedAndColourTurnsToLuminance() throws IOException {
        Files.createDirectories(root.resolve("images"));
        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, (200 << 16) | (100 << 8) | 50);
        Path file = root.resolve("images/c.png");
        ImageIO.write(rgb, "png", file.toFile());
        DecodedImage decoded = DecodedImage.read(file);
        assertEquals(3, decoded.channels());
        assertEquals((0.299f * 200 + 0.587f * 100 + 0.114f * 50) / 255f, decoded.withChannels(1).values()[0], 1e-6);
        DecodedImage grey = new DecodedImage(new float[] {0.25f}, 1, 1, 1).withChannels(3);
        assertEquals(List.of(0.25f, 0.25f, 0.25f), List.of(grey.values()[0], grey.values()[1], grey.values()[2]));
    }
}
