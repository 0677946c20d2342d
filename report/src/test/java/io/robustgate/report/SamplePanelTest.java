package io.robustgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.data.Sample;
import io.robustgate.evaluation.SampleArtifacts;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamplePanelTest {

    private static final int C = 3;
    private static final int H = 8;
    private static final int W = 10;
    private static final float EPS = 2f / 255f;

    private static SampleArtifacts artifacts;
    private static SamplePanel panel;
    private static BufferedImage decoded;

    @BeforeAll
    static void renderSyntheticSample() throws IOException {
        float[] original = new float[C * H * W];
        float[] adversarial = new float[C * H * W];
        for (int c = 0; c < C; c++) {
            for (int i = 0; i < H * W; i++) {
                original[c * H * W + i] = 0.2f + 0.6f * i / (H * W) + 0.05f * c;
                // +eps on the left third, -eps on the middle third, untouched on the right third
                int x = i % W;
                float delta = x < 3 ? EPS : x < 6 ? -EPS : 0f;
                adversarial[c * H * W + i] = original[c * H * W + i] + delta;
            }
        }
        float[] truth = new float[H * W];
        boolean[] clean = new boolean[H * W];
        boolean[] attacked = new boolean[H * W];
        for (int i = 0; i < H * W; i++) {
            truth[i] = (i % W) < W / 2 ? 1f : 0f;
            clean[i] = (i / W) < H / 2;
            attacked[i] = i == 0;
        }
        Sample sample = new Sample("023_HC.png", "023_HC_Annotation.png", "p1", "fetal head",
                Path.of("images/023_HC.png"), Path.of("masks/023_HC_Annotation.png"));
        artifacts = new SampleArtifacts(sample, C, H, W, original, adversarial, truth, clean, attacked, 0.91, 0.04);
        panel = new SamplePanel(artifacts);
        decoded = ImageIO.read(new ByteArrayInputStream(panel.png()));
    }

    @Test
    void pngDecodesToAPanelHoldingAllSixTiles() {
        Rectangle last = panel.tileBounds(SamplePanel.Tile.ATTACKED_PREDICTION);
        assertTrue(decoded.getWidth() > last.x + last.width - 1, "panel narrower than its last tile");
        assertTrue(decoded.getHeight() > last.y + last.height - 1, "panel shorter than its last tile");
        assertEquals(W * panel.scale(), last.width);
        assertEquals(H * panel.scale(), last.height);
        assertTrue(panel.scale() > 1, "a 10x8 input should be enlarged");
    }

    @Test
    void groundTruthTileIsWhereTheMaskIsOneAndBlackElsewhere() {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int expected = artifacts.truth()[y * W + x] > 0.5f ? 0xFFFFFF : 0x000000;
                assertEquals(expected, pixel(SamplePanel.Tile.TRUTH, x, y), "truth tile at " + x + "," + y);
            }
        }
    }

    @Test
    void predictionTilesShowTheirMasks() {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                assertEquals(artifacts.cleanPrediction()[i] ? 0xFFFFFF : 0, pixel(SamplePanel.Tile.CLEAN_PREDICTION, x, y));
                assertEquals(artifacts.adversarialPrediction()[i] ? 0xFFFFFF : 0,
                        pixel(SamplePanel.Tile.ATTACKED_PREDICTION, x, y));
            }
        }
    }

    @Test
    void originalAndAdversarialTilesKeepThePixelValues() {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(rgb(artifacts.original(), y * W + x), pixel(SamplePanel.Tile.ORIGINAL, x, y));
                assertEquals(rgb(artifacts.adversarial(), y * W + x), pixel(SamplePanel.Tile.ADVERSARIAL, x, y));
            }
        }
    }

    @Test
    void perturbationIsStretchedToFullRangeAroundMidGrey() {
        assertEquals(0xFFFFFF, pixel(SamplePanel.Tile.PERTURBATION, 0, 0), "+eps should be white");
        assertEquals(0x000000, pixel(SamplePanel.Tile.PERTURBATION, 4, 3), "-eps should be black");
        assertEquals(0x808080, pixel(SamplePanel.Tile.PERTURBATION, 8, 5), "no change should be mid-grey");
    }

    @Test
    void captionsAreDrawnBelowTheTiles() {
        Rectangle tile = panel.tileBounds(SamplePanel.Tile.ATTACKED_PREDICTION);
        int dark = 0;
        for (int y = tile.y + tile.height + 1; y < tile.y + tile.height + 30 && y < decoded.getHeight(); y++) {
            for (int x = tile.x; x < tile.x + tile.width; x++) {
                if ((decoded.getRGB(x, y) & 0xFF) < 128) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 20, "expected caption text under the attacked prediction, found " + dark + " dark pixels");
    }

    @Test
    void refusesArtifactsWhoseArraysDoNotMatchTheirShape() {
        SampleArtifacts broken = new SampleArtifacts(artifacts.sample(), C, H, W, artifacts.original(),
                new float[5], artifacts.truth(), artifacts.cleanPrediction(), artifacts.adversarialPrediction(), 0.9, 0.1);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new SamplePanel(broken));
        assertTrue(error.getMessage().contains("023_HC.png"), error.getMessage());
    }

    /** The colour at the centre of model pixel (x, y) of a tile. */
    private static int pixel(SamplePanel.Tile tile, int x, int y) {
        Rectangle bounds = panel.tileBounds(tile);
        int scale = panel.scale();
        return decoded.getRGB(bounds.x + x * scale + scale / 2, bounds.y + y * scale + scale / 2) & 0xFFFFFF;
    }

    private static int rgb(float[] chw, int i) {
        int r = Math.round(chw[i] * 255f);
        int g = Math.round(chw[H * W + i] * 255f);
        int b = Math.round(chw[2 * H * W + i] * 255f);
        return (r << 16) | (g << 8) | b;
    }
}
