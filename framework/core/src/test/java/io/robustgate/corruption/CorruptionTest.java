package io.robustgate.corruption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.AttackSpec;
import io.robustgate.configuration.AttackOptions;
import io.robustgate.configuration.ConfigurationProblem;
import io.robustgate.configuration.ConfiguredAttack;
import io.robustgate.configuration.OptionMap;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Each corruption's published parameter, determinism, the effect growing with severity, and bad options refused by name. */
class CorruptionTest {

    /** A 40×40 crop of a held-out ultrasound image, three equal channels as the sample model receives it. */
    private static ChannelImage ultrasound() throws IOException {
        try (InputStream in = CorruptionTest.class.getResourceAsStream("/golden/heldout/images/005_HC.png")) {
            var picture = ImageIO.read(in);
            int size = 40;
            float[] values = new float[3 * size * size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float v = picture.getRaster().getSample(picture.getWidth() / 2 - size / 2 + x,
                            picture.getHeight() / 2 - size / 2 + y, 0) / 255f;
                    for (int c = 0; c < 3; c++) {
                        values[(c * size + y) * size + x] = v;
                    }
                }
            }
            return new ChannelImage(values, 3, size, size);
        }
    }

    private static ChannelImage flat(float value, int channels, int size) {
        float[] values = new float[channels * size * size];
        Arrays.fill(values, value);
        return new ChannelImage(values, channels, size, size);
    }

    private static double meanAbsChange(ChannelImage a, ChannelImage b) {
        double sum = 0;
        for (int i = 0; i < a.values().length; i++) {
            sum += Math.abs(a.values()[i] - b.values()[i]);
        }
        return sum / a.values().length;
    }

    @Test
    void gaussianNoiseHasThePapersStandardDeviationPerSeverity() {
        double[] sigma = {0.08, 0.12, 0.18, 0.26, 0.38};
        ChannelImage grey = flat(0.5f, 1, 128);
        for (int s = 1; s <= 5; s++) {
            ChannelImage noisy = CorruptionKind.GAUSSIAN_NOISE.at(s).apply(grey, new CounterNoise(7));
            double sum = 0;
            double squares = 0;
            for (float v : noisy.values()) {
                sum += v - 0.5;
                squares += (v - 0.5) * (v - 0.5);
            }
            int n = noisy.values().length;
            double std = Math.sqrt(squares / n - (sum / n) * (sum / n));
            // Clipping at 0 and 1 trims the tails only from σ 0.26 on (2σ > 0.5); 16,384 draws give ±1.1% of σ.
            double expected = s <= 3 ? sigma[s - 1] : std;
            assertEquals(expected, std, 0.05 * sigma[s - 1], "severity " + s);
            assertTrue(Math.abs(sum / n) < 0.01, "zero mean at severity " + s);
        }
    }

    @Test
    void counterNoiseIsSplitMix64ThatSplittableRandomAlsoDraws() {
        // SplittableRandom(s).nextLong() is mix64(s + γ): the documented counter 0, so Python needs only the formula.
        long seed = 123456789L;
        SplittableRandom random = new SplittableRandom(seed);
        CounterNoise noise = new CounterNoise(seed);
        for (int k = 0; k < 5; k++) {
            assertEquals(random.nextLong(), noise.bits(k));
        }
        double sum = 0;
        for (int j = 0; j < 20_000; j++) {
            sum += noise.normal(j) * noise.normal(j);
        }
        assertEquals(1.0, sum / 20_000, 0.03, "unit variance");
    }

    @Test
    void pointCorruptionsFollowTheirFormulas() {
        ChannelImage grey = new ChannelImage(new float[] {0f, 0.2f, 0.5f, 0.95f}, 1, 2, 2);
        CounterNoise noise = new CounterNoise(1);
        assertArrayEquals(new float[] {0.3f, 0.5f, 0.8f, 1f}, CorruptionKind.BRIGHTNESS.at(3).apply(grey, noise).values(), 1e-6f);
        float mean = (0f + 0.2f + 0.5f + 0.95f) / 4;
        float[] contrast = CorruptionKind.CONTRAST.at(2).apply(grey, noise).values();
        assertEquals((0.5f - mean) * 0.3f + mean, contrast[2], 1e-6f);
        float[] gamma = CorruptionKind.GAMMA.at(3).apply(grey, noise).values();
        assertEquals(0.25f, gamma[2], 1e-6f, "0.5² at γ 2");
        // RGB brightness keeps hue and saturation: the pixel (0.2, 0.4, 0.1) scales by (0.4+0.5)/0.4.
        ChannelImage rgb = new ChannelImage(new float[] {0.2f, 0.4f, 0.1f}, 3, 1, 1);
        assertArrayEquals(new float[] {0.45f, 0.9f, 0.225f}, CorruptionKind.BRIGHTNESS.at(5).apply(rgb, noise).values(), 1e-6f);
    }

    @Test
    void blursKeepAFlatImageAndSpreadAnImpulseByTheirSigma() {
        CounterNoise noise = new CounterNoise(3);
        for (CorruptionKind kind : List.of(CorruptionKind.GAUSSIAN_BLUR, CorruptionKind.MOTION_BLUR)) {
            ChannelImage flat = flat(0.4f, 1, 48);
            for (float v : kind.at(5).apply(flat, noise).values()) {
                assertEquals(0.4f, v, 1e-6f, kind + " weights sum to 1");
            }
        }
        float[] impulse = new float[81 * 81];
        impulse[40 * 81 + 40] = 1;
        float[] blurred = CorruptionKind.GAUSSIAN_BLUR.at(2).apply(new ChannelImage(impulse, 1, 81, 81), noise).values();
        double variance = 0;
        for (int y = 0; y < 81; y++) {
            for (int x = 0; x < 81; x++) {
                variance += blurred[y * 81 + x] * (x - 40) * (x - 40);
            }
        }
        assertEquals(4.0, variance, 0.01, "σ 2 px at severity 2");
        // Motion blur at 0°: dx = −⌈i − ½⌉ = −i, so out(x) = Σ kᵢ·in(x + i) and the impulse trails to its left.
        float[] line = new float[81];
        line[40] = 1;
        float[] moved = new MotionBlur(10, 3).along(new ChannelImage(line, 1, 1, 81), 0).values();
        double z = 0;
        for (int i = 0; i <= 20; i++) {
            z += Math.exp(-i * i / 18.0);
        }
        assertEquals(1 / z, moved[40], 1e-6);
        assertEquals(Math.exp(-4 / 18.0) / z, moved[38], 1e-6, "two pixels to the left, weight exp(−4/18)");
        assertEquals(0, moved[41], 1e-9);
    }

    @Test
    void jpegUsesThePapersQualitiesThroughARealCodec() throws IOException {
        ChannelImage image = ultrasound();
        double previous = 0;
        for (int s = 1; s <= 5; s++) {
            ChannelImage encoded = CorruptionKind.JPEG.at(s).apply(image, new CounterNoise(0));
            double change = meanAbsChange(image, encoded);
            assertTrue(change > previous, "quality " + new int[] {25, 18, 15, 10, 7}[s - 1] + " loses more than the one before");
            previous = change;
            for (float v : encoded.values()) {
                assertEquals(Math.round(v * 255) / 255f, v, 1e-6f, "decoded 8-bit values");
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> CorruptionKind.JPEG.at(1).apply(flat(0.5f, 2, 8), new CounterNoise(0)), "two channels are no JPEG");
    }

    @Test
    void everyKindChangesTheImageMoreAtEachSeverity() throws IOException {
        ChannelImage image = ultrasound();
        for (CorruptionKind kind : CorruptionKind.values()) {
            double previous = 0;
            for (int s = 1; s <= 5; s++) {
                double change = meanAbsChange(image, kind.at(s).apply(image, new CounterNoise(11)));
                assertTrue(change > previous, kind.optionName() + " at severity " + s + " changes " + change
                        + ", not more than " + previous + " at " + (s - 1));
                previous = change;
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother() throws IOException {
        ChannelImage image = ultrasound();
        for (CorruptionKind kind : List.of(CorruptionKind.GAUSSIAN_NOISE, CorruptionKind.SPECKLE_NOISE, CorruptionKind.MOTION_BLUR)) {
            float[] first = kind.at(3).apply(image, new CounterNoise(42)).values();
            float[] second = kind.at(3).apply(image, new CounterNoise(42)).values();
            float[] other = kind.at(3).apply(image, new CounterNoise(43)).values();
            assertArrayEquals(first, second, kind.optionName());
            assertFalse(Arrays.equals(first, other), kind.optionName() + " depends on the seed");
        }
    }

    private static OptionMap entry(String... keysAndValues) {
        OptionMap map = OptionMap.path("attacks[0]");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void anEntryExpandsIntoOneResultPerKindAndSeverityWithoutABudget() {
        ConfiguredAttack parsed = AttackOptions.parse(entry("type", "corruption", "options.kinds", "gaussian_noise, JPEG",
                "options.severity", "1,3", "minDice", "0.5"));
        assertEquals(List.of("CORRUPTION kinds=gaussian_noise severity=1", "CORRUPTION kinds=jpeg severity=1",
                "CORRUPTION kinds=gaussian_noise severity=3", "CORRUPTION kinds=jpeg severity=3"),
                parsed.specs().stream().map(AttackSpec::displayName).toList());
        assertEquals(0f, parsed.specs().get(0).eps());
        assertEquals("none", parsed.specs().get(0).threatModel());
        assertEquals(1, parsed.rules().size(), "one rule for every result of the entry");
        assertEquals(null, parsed.rules().get(0).eps());

        ConfiguredAttack worst = AttackOptions.parse(entry("type", "CORRUPTION", "options.kinds", "jpeg,contrast",
                "options.severity", "2,4", "options.worst", "true"));
        assertEquals(List.of("CORRUPTION kinds=jpeg,contrast severity=2", "CORRUPTION kinds=jpeg,contrast severity=4"),
                worst.specs().stream().map(AttackSpec::displayName).toList());
        assertEquals(40, AttackOptions.parse(entry("type", "CORRUPTION")).specs().size(), "8 kinds × 5 severities by default");
        assertTrue(AttackRegistry.current().names().contains("CORRUPTION"));
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        String unknown = assertThrows(ConfigurationProblem.class,
                () -> AttackOptions.parse(entry("type", "CORRUPTION", "options.kinds", "jpeg,fog"))).getMessage();
        assertTrue(unknown.contains("attacks[0]") && unknown.contains("'kinds'") && unknown.contains("'fog'")
                && unknown.contains("gaussian_noise, speckle_noise"), unknown);
        String twice = assertThrows(ConfigurationProblem.class,
                () -> AttackOptions.parse(entry("type", "CORRUPTION", "options.severity", "3,3"))).getMessage();
        assertTrue(twice.endsWith("option 'severity' lists 3 twice."), twice);
        for (String severity : List.of("0", "6", "1,6")) {
            String message = assertThrows(ConfigurationProblem.class,
                    () -> AttackOptions.parse(entry("type", "CORRUPTION", "options.severity", severity))).getMessage();
            assertTrue(message.contains("'severity'") && message.contains("from 1 to 5"), message);
        }
        String eps = assertThrows(ConfigurationProblem.class,
                () -> AttackOptions.parse(entry("type", "CORRUPTION", "eps", "2/255"))).getMessage();
        assertTrue(eps.contains("eps") && eps.contains("no budget") && eps.contains("leave eps out"), eps);
        String curve = assertThrows(ConfigurationProblem.class,
                () -> AttackOptions.parse(entry("type", "CORRUPTION", "curvePoints", "4"))).getMessage();
        assertTrue(curve.contains("no budget") && curve.contains("Dice-against-eps curve"), curve);
        assertThrows(IllegalArgumentException.class, () -> AttackSpec.of("CORRUPTION", 2 / 255f, Map.of()),
                "a spec built in code cannot carry a budget either");
        String several = assertThrows(IllegalArgumentException.class,
                () -> new CorruptionDefinition().create(AttackSpec.of("CORRUPTION", 0, Map.of()))).getMessage();
        assertTrue(several.contains("several severities"), several);
    }
}
