package io.robustgate.report;

import io.robustgate.attack.EpsFormat;
import io.robustgate.evaluation.SampleArtifacts;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * One attacked sample as a picture a reviewer can read at a glance: two rows of three tiles
 * (original, adversarial, perturbation; ground truth, clean prediction, attacked prediction), each
 * with a caption, under a header naming the sample, its prompt and the Dice before and after.
 */
public final class SamplePanel {

    /** The tiles, in reading order: left to right, top row first. */
    public enum Tile {
        ORIGINAL,
        ADVERSARIAL,
        PERTURBATION,
        TRUTH,
        CLEAN_PREDICTION,
        ATTACKED_PREDICTION
    }

    private static final int COLUMNS = 3;
    private static final int GAP = 8;
    private static final int HEADER_HEIGHT = 40;
    private static final int CAPTION_HEIGHT = 34;
    /** Small model inputs (the 48x64 fixture) are enlarged by whole factors so pixels stay sharp. */
    private static final int TARGET_TILE_SIDE = 192;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = new Color(0x20, 0x20, 0x20);

    private final SampleArtifacts sample;
    private final String attack;
    /** What the perturbed image is: {@code adversarial}, or {@code corrupted} for a perturbation without a budget. */
    private final String perturbed;
    private final int scale;
    private final int tileWidth;
    private final int tileHeight;

    public SamplePanel(SampleArtifacts sample) {
        this(sample, "");
    }

    /** @param attack shown in the header beside the prompt, e.g. {@code PGD eps=2/255 steps=40} */
    public SamplePanel(SampleArtifacts sample, String attack) {
        this(sample, attack, "adversarial");
    }

    /** The panel of one sample of {@code result}, its tiles named for what the result's perturbation is. */
    public SamplePanel(SampleArtifacts sample, io.robustgate.evaluation.RobustnessResult result) {
        this(sample, result.displayName(), "none".equals(result.attack().threatModel()) ? "corrupted" : "adversarial");
    }

    private SamplePanel(SampleArtifacts sample, String attack, String perturbed) {
        int expectedPixels = sample.channels() * sample.height() * sample.width();
        int expectedMask = sample.height() * sample.width();
        if (sample.original().length != expectedPixels || sample.adversarial().length != expectedPixels
                || sample.truth().length != expectedMask || sample.cleanPrediction().length != expectedMask
                || sample.adversarialPrediction().length != expectedMask) {
            throw new IllegalArgumentException("artifacts of " + sample.sample().imageName()
                    + " do not match their shape [" + sample.channels() + "," + sample.height() + "," + sample.width() + "]");
        }
        this.sample = sample;
        this.attack = attack == null ? "" : attack;
        this.perturbed = perturbed;
        this.scale = Math.max(1, Math.round((float) TARGET_TILE_SIDE / Math.max(sample.height(), sample.width())));
        this.tileWidth = sample.width() * scale;
        this.tileHeight = sample.height() * scale;
    }

    /** Where a tile's picture lies in the rendered panel (its caption sits below it). */
    public Rectangle tileBounds(Tile tile) {
        int column = tile.ordinal() % COLUMNS;
        int row = tile.ordinal() / COLUMNS;
        int x = GAP + column * (tileWidth + GAP);
        int y = HEADER_HEIGHT + row * (tileHeight + CAPTION_HEIGHT + GAP);
        return new Rectangle(x, y, tileWidth, tileHeight);
    }

    /** How many panel pixels one model pixel covers along each axis. */
    public int scale() {
        return scale;
    }

    public BufferedImage render() {
        int width = GAP + COLUMNS * (tileWidth + GAP);
        int height = HEADER_HEIGHT + 2 * (tileHeight + CAPTION_HEIGHT + GAP);
        BufferedImage panel = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = panel.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // Nearest neighbour, so the enlarged tiles show the model's real pixels and masks stay binary.
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            drawClipped(g, String.format(Locale.ROOT, "%s   Dice %.3f → %.3f", sample.sample().imageName(),
                    sample.cleanDice(), sample.adversarialDice()), GAP, 16, width - 2 * GAP);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String prompt = "prompt \"" + sample.sample().prompt() + "\"";
            drawClipped(g, attack.isEmpty() ? prompt : attack + "   " + prompt, GAP, 33, width - 2 * GAP);
            float maxDelta = maxAbsoluteDelta();
            drawTile(g, Tile.ORIGINAL, picture(sample.original()), "original");
            drawTile(g, Tile.ADVERSARIAL, picture(sample.adversarial()), perturbed);
            drawTile(g, Tile.PERTURBATION, perturbation(maxDelta), maxDelta > 0
                    ? String.format(Locale.ROOT, "perturbation ×%.0f\nmax |δ| %s", 0.5f / maxDelta, EpsFormat.format(maxDelta))
                    : "perturbation\nnone (all zero)");
            drawTile(g, Tile.TRUTH, mask(sample.truth()), "ground truth");
            drawTile(g, Tile.CLEAN_PREDICTION, mask(sample.cleanPrediction()),
                    String.format(Locale.ROOT, "clean prediction\nDice %.3f", sample.cleanDice()));
            drawTile(g, Tile.ATTACKED_PREDICTION, mask(sample.adversarialPrediction()),
                    String.format(Locale.ROOT, "%s prediction\nDice %.3f", perturbed.equals("corrupted") ? "corrupted" : "attacked",
                            sample.adversarialDice()));
        } finally {
            g.dispose();
        }
        return panel;
    }

    public byte[] png() {
        return Png.of(render(), "the panel of " + sample.sample().imageName());
    }

    private void drawTile(Graphics2D g, Tile tile, BufferedImage picture, String caption) {
        Rectangle bounds = tileBounds(tile);
        g.drawImage(picture, bounds.x, bounds.y, bounds.width, bounds.height, null);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        int baseline = bounds.y + bounds.height + metrics.getAscent() + 2;
        for (String line : caption.split("\n")) {
            drawClipped(g, line, bounds.x, baseline, bounds.width);
            baseline += metrics.getHeight();
        }
    }

    /** Shortens text with an ellipsis rather than letting it run into the next tile. */
    private static void drawClipped(Graphics2D g, String text, int x, int baseline, int maxWidth) {
        FontMetrics metrics = g.getFontMetrics();
        String shown = text;
        while (shown.length() > 1 && metrics.stringWidth(shown) > maxWidth) {
            shown = shown.substring(0, shown.length() - 2) + "…";
        }
        g.drawString(shown, x, baseline);
    }

    private BufferedImage picture(float[] chw) {
        int h = sample.height();
        int w = sample.width();
        int plane = h * w;
        boolean grey = sample.channels() < 3;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int r = level(chw[i]);
                int gr = grey ? r : level(chw[plane + i]);
                int b = grey ? r : level(chw[2 * plane + i]);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return image;
    }

    /**
     * The perturbation stretched so its largest component reaches black or white around mid-grey;
     * at its true size (a few grey levels) it would be invisible. Channels are averaged.
     */
    private BufferedImage perturbation(float maxDelta) {
        int h = sample.height();
        int w = sample.width();
        int plane = h * w;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < plane; i++) {
            float sum = 0;
            for (int c = 0; c < sample.channels(); c++) {
                sum += sample.adversarial()[c * plane + i] - sample.original()[c * plane + i];
            }
            float delta = sum / sample.channels();
            int v = level(maxDelta > 0 ? 0.5f + 0.5f * delta / maxDelta : 0.5f);
            image.setRGB(i % w, i / w, (v << 16) | (v << 8) | v);
        }
        return image;
    }

    private float maxAbsoluteDelta() {
        float max = 0;
        for (int i = 0; i < sample.original().length; i++) {
            max = Math.max(max, Math.abs(sample.adversarial()[i] - sample.original()[i]));
        }
        return max;
    }

    private BufferedImage mask(float[] values) {
        boolean[] on = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            on[i] = values[i] > 0.5f;
        }
        return mask(on);
    }

    private BufferedImage mask(boolean[] on) {
        int w = sample.width();
        BufferedImage image = new BufferedImage(w, sample.height(), BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < on.length; i++) {
            image.setRGB(i % w, i / w, on[i] ? 0xFFFFFF : 0x000000);
        }
        return image;
    }

    private static int level(float value) {
        return Math.round(Math.max(0f, Math.min(1f, value)) * 255f);
    }
}
