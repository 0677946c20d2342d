package io.robustgate.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every kernel against what Pillow 9.4 and PyTorch 1.13 computed for seeded 8-bit images (RGB
 * and grey, odd sizes, up, down, mixed and single-axis, non-integer factors): {@code pil-*} and
 * {@code nearest} byte-identical, {@code torch-*} within 1e-5.
 */
class ResizeKernelGoldenTest {

    private static final JsonNode GOLDEN = ResizeGolden.read("kernels.json");

    private record Case(String name, int channels, int height, int width, int outHeight, int outWidth, int[] input,
            JsonNode expected) {

        static Case of(JsonNode node) {
            return new Case(node.get("name").asText(), node.get("channels").asInt(), node.get("height").asInt(),
                    node.get("width").asInt(), node.get("outHeight").asInt(), node.get("outWidth").asInt(),
                    ResizeGolden.bytes(node.get("input")), node.get("expected"));
        }
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        GOLDEN.get("cases").forEach(node -> cases.add(Case.of(node)));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> pillowKernelsAreByteIdenticalToPillow() {
        return cases().stream().flatMap(c -> Stream.of(ResizeKernel.PIL_BILINEAR, ResizeKernel.PIL_BICUBIC,
                ResizeKernel.PIL_LANCZOS).map(kernel -> DynamicTest.dynamicTest(kernel.manifestName() + " " + c.name(), () -> {
                    float[] out = kernel.resize(ResizeGolden.unit(c.input()), c.height(), c.width(), c.channels(),
                            c.outHeight(), c.outWidth());
                    int[] expected = ResizeGolden.bytes(c.expected().get(kernel.manifestName()));
                    assertArrayEquals(ResizeGolden.unit(expected), out, 0f, "every pixel equal to Pillow's 8-bit value");
                })));
    }

    @TestFactory
    Stream<DynamicTest> torchKernelsMatchInterpolateWithin1e5() {
        return cases().stream().flatMap(c -> Stream.of(ResizeKernel.TORCH_BILINEAR, ResizeKernel.TORCH_BILINEAR_ANTIALIAS)
                .map(kernel -> DynamicTest.dynamicTest(kernel.manifestName() + " " + c.name(), () -> {
                    float[] out = kernel.resize(ResizeGolden.unit(c.input()), c.height(), c.width(), c.channels(),
                            c.outHeight(), c.outWidth());
                    assertArrayEquals(ResizeGolden.floats(c.expected().get(kernel.manifestName())), out, 1e-5f);
                })));
    }

    @TestFactory
    Stream<DynamicTest> maskResizesPickTheSamePixelsAsPillowAndPyTorch() {
        return cases().stream().flatMap(c -> Stream.of(MaskResize.values())
                .map(mask -> DynamicTest.dynamicTest(mask.manifestName() + " " + c.name(), () -> {
                    float[] out = mask.resize(ResizeGolden.unit(c.input()), c.height(), c.width(), c.channels(),
                            c.outHeight(), c.outWidth());
                    int[] expected = ResizeGolden.bytes(c.expected().get(mask.manifestName()));
                    assertArrayEquals(ResizeGolden.unit(expected), out, 0f);
                })));
    }

    @Test
    void pillowGreyConversionIsByteIdenticalToConvertL() {
        JsonNode grey = GOLDEN.get("greyConversion");
        float[] rgb = ResizeGolden.unit(ResizeGolden.bytes(grey.get("input")));
        int[] expected = ResizeGolden.bytes(grey.get("expected"));
        assertArrayEquals(ResizeGolden.unit(expected), GreyConversion.PIL.toGrey(rgb), 0f);
        // the float rule lands between 8-bit levels: it is a different definition, not a rounding of the same
        float[] floating = GreyConversion.FLOAT.toGrey(rgb);
        long differing = 0;
        for (int i = 0; i < expected.length; i++) {
            differing += floating[i] != expected[i] / 255f ? 1 : 0;
        }
        assertTrue(differing > expected.length / 2, differing + " of " + expected.length);
    }

    @Test
    void theKernelsDisagreeWithEachOtherOnTheseImages() {
        // Guards the goldens themselves: identical expectations would let a wrong kernel pass.
        for (Case c : cases()) {
            if (c.outHeight() < c.height() && c.outWidth() < c.width()) {
                float[] torch = ResizeGolden.floats(c.expected().get("torch-bilinear"));
                float[] pil = ResizeGolden.unit(ResizeGolden.bytes(c.expected().get("pil-bilinear")));
                assertTrue(maxDifference(torch, pil) > 10 / 255f, c.name() + ": antialiasing must show when downsampling");
            }
            assertTrue(!c.expected().get("nearest").asText().equals(c.expected().get("torch-nearest").asText())
                    || c.name().contains("only"), c.name() + ": PIL and PyTorch nearest should pick different pixels");
        }
        assertEquals(8, cases().size());
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
