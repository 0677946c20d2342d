package io.robustgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.robustgate.GoldenFixture;
import io.robustgate.data.GreyConversion;
import io.robustgate.data.MaskResize;
import io.robustgate.data.Preprocessing;
import io.robustgate.data.ResizeKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's preprocessing fields and its errors, which name the file and the JSON field. */
class ModelManifestTest {

    @TempDir
    Path temp;

    private static final String IMAGE = """
            "height": 48, "width": 64, "channels": 3,
            "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]""";

    private Path write(String image, String extra) throws IOException {
        Path file = temp.resolve(ModelManifest.FILE_NAME);
        Files.writeString(file, """
                {"name": "m", "format": "torchscript", "file": "model.pt",
                 "image": {%s},
                 "text": {"tokenizer": "tokenizer.json", "contextLength": 77},
                 "output": {"kind": "logits", "threshold": 0.5}%s}""".formatted(image, extra));
        return file;
    }

    private String error(Path file) {
        return assertThrows(ModelBundleException.class, () -> ModelManifest.read(file)).getMessage();
    }

    @Test
    void missingImageHeightSaysSoNamingFileAndField() throws IOException {
        String message = error(write("""
                "width": 64, "channels": 3, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]""", ""));
        assertTrue(message.startsWith(temp.resolve(ModelManifest.FILE_NAME) + ": "), message);
        assertTrue(message.contains("image.height is missing"), message);
        assertTrue(!message.contains("image.width"), "only the missing field is named: " + message);
    }

    @Test
    void aMissingSectionIsNamedOnce() throws IOException {
        Path file = temp.resolve(ModelManifest.FILE_NAME);
        Files.writeString(file, """
                {"name": "m", "format": "torchscript", "file": "model.pt", "image": {%s},
                 "output": {"kind": "logits", "threshold": 0.5}}""".formatted(IMAGE));
        String message = error(file);
        assertTrue(message.endsWith("text is missing"), message);
    }

    @Test
    void valuesOfTheWrongTypeOrRangeNameTheirField() throws IOException {
        assertTrue(error(write(IMAGE.replace("\"height\": 48", "\"height\": \"tall\""), ""))
                .contains("image.height: "), "type error names the field");
        String message = error(write(IMAGE.replace("\"height\": 48", "\"height\": -2"), ""));
        assertTrue(message.contains("image.height must be positive but is -2"), message);
    }

    @Test
    void unknownKernelsAreRefusedListingTheAcceptedOnes() throws IOException {
        String message = error(write(IMAGE + ", \"resize\": \"pil-bilinar\", \"grey\": \"average\"",
                ", \"mask\": {\"resize\": \"bilinear\"}"));
        assertTrue(message.contains("image.resize \"pil-bilinar\" is unknown: use one of \"torch-bilinear\","), message);
        assertTrue(message.contains("\"pil-lanczos\""), message);
        assertTrue(message.contains("image.grey \"average\" is unknown: use one of \"pil\", \"float\""), message);
        assertTrue(message.contains("mask.resize \"bilinear\" is unknown: use one of \"nearest\", \"torch-nearest\""),
                message);
    }

    @Test
    void withoutResizeOrWithBilinearTheTorchDefinitionsStay() throws IOException {
        assertEquals(Preprocessing.TORCH, ModelManifest.read(write(IMAGE, "")).preprocessing());
        Preprocessing legacy = ModelManifest.read(write(IMAGE + ", \"resize\": \"bilinear\"", "")).preprocessing();
        assertEquals(new Preprocessing(ResizeKernel.TORCH_BILINEAR, MaskResize.TORCH_NEAREST, GreyConversion.FLOAT), legacy);
    }

    @Test
    void pilKernelsDefaultToPilMasksAndGreyAndBothCanBeOverridden() throws IOException {
        Preprocessing pil = ModelManifest.read(write(IMAGE + ", \"resize\": \"pil-bicubic\"", "")).preprocessing();
        assertEquals(new Preprocessing(ResizeKernel.PIL_BICUBIC, MaskResize.NEAREST, GreyConversion.PIL), pil);
        Preprocessing overridden = ModelManifest.read(write(IMAGE + ", \"resize\": \"pil-lanczos\", \"grey\": \"float\"",
                ", \"mask\": {\"resize\": \"torch-nearest\"}")).preprocessing();
        assertEquals(new Preprocessing(ResizeKernel.PIL_LANCZOS, MaskResize.TORCH_NEAREST, GreyConversion.FLOAT),
                overridden);
        Preprocessing antialias = ModelManifest.read(write(IMAGE + ", \"resize\": \"torch-bilinear-antialias\"", ""))
                .preprocessing();
        assertEquals(MaskResize.TORCH_NEAREST, antialias.mask());
    }

    @Test
    void filesNamedOutsideTheBundleAreRefused() throws IOException {
        for (String outside : List.of("../outside.pt", "sub/../../outside.pt", temp.resolve("x.pt").toAbsolutePath().toString(), ".")) {
            Path file = temp.resolve(ModelManifest.FILE_NAME);
            Files.writeString(file, Files.readString(write(IMAGE, "")).replace("\"model.pt\"", '"' + outside + '"')
                    .replace("\"tokenizer.json\"", "\"../tokenizer.json\""));
            String message = error(file);
            assertTrue(message.contains("file \"" + outside + "\" lies outside the bundle directory"), message);
            assertTrue(message.contains("text.tokenizer \"../tokenizer.json\" lies outside the bundle directory"), message);
        }
        assertEquals("sub/model.pt", ModelManifest.read(
                Files.writeString(temp.resolve(ModelManifest.FILE_NAME),
                        Files.readString(write(IMAGE, "")).replace("\"model.pt\"", "\"sub/./model.pt\"")))
                .file().replace("/./", "/"), "a sub-folder inside the bundle is fine");
    }

    @Test
    void aGradientStandInMustLieInsideTheBundleAndExist(@TempDir Path root) throws IOException {
        Path bundle = Files.createDirectories(root.resolve("bundle"));
        Files.copy(GoldenFixture.BUNDLE.resolve("model.pt"), bundle.resolve("model.pt"));
        Files.copy(GoldenFixture.BUNDLE.resolve("tokenizer.json"), bundle.resolve("tokenizer.json"));
        String manifest = Files.readString(GoldenFixture.BUNDLE.resolve(ModelManifest.FILE_NAME)).trim();
        for (String standIn : List.of("../outside.pt", "missing.pt")) {
            Files.writeString(bundle.resolve(ModelManifest.FILE_NAME),
                    manifest.substring(0, manifest.length() - 1) + ", \"gradientFile\": \"" + standIn + "\"}");
            String message = assertThrows(ModelBundleException.class, () -> ModelBundle.load(bundle, Device.cpu()).close())
                    .getMessage();
            assertTrue(message.contains(standIn.startsWith("..") ? "gradientFile \"../outside.pt\" lies outside"
                    : "missing.pt: gradientFile named in " + ModelManifest.FILE_NAME + " not found"), message);
        }
    }

    @Test
    void aModelBesideTheBundleIsNotLoaded(@TempDir Path root) throws IOException {
        // Before this check, "file": "../outside.pt" loaded whatever lay beside the bundle.
        Path bundle = Files.createDirectories(root.resolve("bundle"));
        Files.copy(GoldenFixture.BUNDLE.resolve("model.pt"), root.resolve("outside.pt"));
        Files.copy(GoldenFixture.BUNDLE.resolve("tokenizer.json"), bundle.resolve("tokenizer.json"));
        Files.writeString(bundle.resolve(ModelManifest.FILE_NAME),
                Files.readString(GoldenFixture.BUNDLE.resolve(ModelManifest.FILE_NAME)).replace("\"model.pt\"", "\"../outside.pt\""));
        String message = assertThrows(ModelBundleException.class, () -> ModelBundle.load(bundle, Device.cpu()).close())
                .getMessage();
        assertTrue(message.contains("bundle/" + ModelManifest.FILE_NAME) && message.contains("file \"../outside.pt\" lies outside"),
                message);
    }

    @Test
    void readmeManifestExampleStatesTheClipSegProcessorKernel() throws IOException {
        String example = io.robustgate.DocumentationBlocks.json().stream().filter(b -> b.contains("\"format\": \"torchscript\"")).findFirst().orElseThrow();
        Path file = temp.resolve(ModelManifest.FILE_NAME);
        Files.writeString(file, example);
        // CLIPSeg's processor (ViTImageProcessor, resample=2) resizes with PIL's bilinear filter
        assertEquals(Preprocessing.of(ResizeKernel.PIL_BILINEAR), ModelManifest.read(file).preprocessing());
    }
}
