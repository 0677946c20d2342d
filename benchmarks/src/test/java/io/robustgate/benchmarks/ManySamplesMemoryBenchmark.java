package io.robustgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.model.ModelBundle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 5,000-sample synthetic set at 352×352×3, attacked (clean pass and FGSM) with the 352×352
 * {@code large-input} fixture in a child JVM limited to {@code -Xmx1g}: samples are decoded per
 * batch, so the heap does not grow with the set (held all at once, their float pixels and masks
 * would take 9.9 GB). It checks the child finishes without running out of memory and prints its
 * peak heap; nothing about time. Run it with
 * {@code mvn -B -o test -pl benchmarks -am -Pbenchmark -Dtest=ManySamplesMemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ManySamplesMemoryBenchmark {

    static final int SAMPLES = Integer.getInteger("benchmark.manySamples", 5000);
    static final int SIZE = 352;

    @Test
    void fiveThousandSamplesFitInOneGigabyteOfHeap(@TempDir Path root) throws Exception {
        writeSyntheticSet(root, SAMPLES);
        Path model = SampleProject.MODELS.resolve("large-input").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "1"),
                "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"),
                ManySamplesMemoryBenchmark.class.getName(), model.toString(), root.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(60, TimeUnit.MINUTES));
        output.lines().filter(l -> l.startsWith("[memory]") || l.contains("OutOfMemoryError")).forEach(System.out::println);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("[memory] attacked " + SAMPLES + " samples"), output);
    }

    /** The child JVM: evaluates the set and prints the heap's peak use. */
    public static void main(String[] args) {
        long start = System.nanoTime();
        try (ModelBundle bundle = ModelBundle.load(Path.of(args[0]), Device.cpu())) {
            HeldOutSet set = HeldOutSet.load(Path.of(args[1]), "test", PromptChoice.DEFAULT);
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set,
                    EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE));
            RobustnessResult fgsm = evaluator.evaluate(AttackSpec.fgsm(2 / 255f));
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf(Locale.ROOT, "[memory] attacked %d samples at %dx%d (batch %d) in %.0f s with -Xmx%d MiB: "
                            + "peak heap %d MiB (sum of pool peaks)%n", fgsm.samples().size(), SIZE, SIZE,
                    fgsm.timings().batchSize(), (System.nanoTime() - start) / 1e9,
                    Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        }
    }

    /**
     * {@code count} samples in the medvlsm layout: 16 distinct small-to-encode PNGs (a few grey
     * levels), hard-linked under distinct names, so writing the set is quick but every sample is
     * its own file to decode.
     */
    static void writeSyntheticSet(Path root, int count) throws IOException {
        Path images = Files.createDirectories(root.resolve("images"));
        Path masks = Files.createDirectories(root.resolve("masks"));
        Files.createDirectories(root.resolve("anns"));
        int distinct = 16;
        for (int k = 0; k < distinct; k++) {
            BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
            BufferedImage mask = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int v = (x / 32 + y / 32 + k) % 8 * 32;
                    image.setRGB(x, y, v << 16 | (255 - v) << 8 | (v / 2));
                    boolean inside = (x - 176) * (x - 176) + (y - 176) * (y - 176) < (60 + 5 * k) * (60 + 5 * k);
                    mask.getRaster().setSample(x, y, 0, inside ? 255 : 0);
                }
            }
            ImageIO.write(image, "png", images.resolve("base" + k + ".png").toFile());
            ImageIO.write(mask, "png", masks.resolve("base" + k + ".png").toFile());
        }
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "s%05d.png", i);
            Files.createLink(images.resolve(name), images.resolve("base" + i % distinct + ".png"));
            Files.createLink(masks.resolve(name), masks.resolve("base" + i % distinct + ".png"));
            json.append(i == 0 ? "" : ",").append("{\"img_name\":\"").append(name).append("\",\"mask_name\":\"")
                    .append(name).append("\",\"prompts\":{\"p0\":\"\",\"p1\":\"synthetic disc\"}}");
        }
        Files.writeString(root.resolve("anns/test.json"), json.append("]"));
    }
}
