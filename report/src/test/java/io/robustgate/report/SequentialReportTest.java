package io.robustgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.Results;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.sequential.Decision;
import io.robustgate.evaluation.sequential.SequentialDecision;
import io.robustgate.evaluation.sequential.SequentialLimit;
import io.robustgate.evaluation.sequential.SequentialRecord;
import io.robustgate.evaluation.sequential.SequentialVerdict;
import io.robustgate.report.AnalysisAttachments.Attachment;
import io.robustgate.results.ResultsDocument;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A sequential evaluation's record in the report: the bounds plot, the attachment list (the plot and a "Sequential"
 * part of the text summary) and the dashboard's "Sequential gates" section, each only for a result that has a record.
 */
class SequentialReportTest {

    private static final int IMAGES = 48;
    private static final int BATCH = 4;

    /** Every attacked image scores {@code dice}, fed in batches of four until the decision stops. */
    private static SequentialRecord minDice(double dice) {
        SequentialDecision decision = new SequentialDecision(List.of(SequentialLimit.minimum("minDice", 0.8, 0, 1,
                SequentialLimit.Sequence.WITHOUT_REPLACEMENT)), 0.05, IMAGES);
        while (!decision.finished()) {
            double[] batch = new double[Math.min(BATCH, IMAGES - decision.imagesAttacked())];
            Arrays.fill(batch, dice);
            decision.observeBatch(batch);
        }
        return decision.record();
    }

    /** A Dice minimum the images clearly miss, and a Dice-drop maximum they clearly meet. */
    private static SequentialRecord twoLimits() {
        SequentialDecision decision = new SequentialDecision(List.of(
                SequentialLimit.minimum("minDice", 0.8, 0, 1, SequentialLimit.Sequence.WITHOUT_REPLACEMENT),
                SequentialLimit.maximum("maxDiceDrop", 0.5, -1, 1, SequentialLimit.Sequence.WITHOUT_REPLACEMENT)), 0.05, IMAGES);
        while (!decision.settled() && !decision.exhausted()) {
            double[][] batch = new double[BATCH][];
            Arrays.fill(batch, new double[] {0.3, 0.05});
            decision.observeBatch(batch);
        }
        return decision.record();
    }

    private static RobustnessResult plain() {
        return Results.uniform(AttackSpec.pgd(2 / 255f), IMAGES, 0.9, 0.3);
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a PNG");
        return image;
    }

    @Test
    void aMissedLimitIsDecidedEarlyAndItsPanelSaysSo() throws IOException {
        SequentialRecord record = minDice(0.3);
        SequentialRecord.LimitDecision d = record.limits().get(0);
        assertEquals(Decision.MISSED, d.decision());
        assertFalse(record.exhausted(), "a Dice of 0.3 against a minimum of 0.8 must stop before every image");
        assertTrue(d.decidedAfter() > 0 && d.decidedAfter() < IMAGES, "decided after " + d.decidedAfter());
        assertEquals(record.imagesAttacked() / BATCH, record.batches().size());

        SequentialBoundsPlot plot = new SequentialBoundsPlot(record, "PGD");
        assertEquals("minDice ≥ 0.80: MISSED after " + d.decidedAfter() + " of 48 images", plot.title(0));
        // The upper bound is what fell below the minimum, at the batch that decided it.
        assertTrue(plot.decidingBound(0) < 0.8, "deciding bound " + plot.decidingBound(0));
        assertTrue(plot.decidingBound(0) >= d.upper(), "bounds only narrow");
        assertEquals(List.of(0.0, 1.0), Arrays.stream(plot.yRange(0)).boxed().toList());

        BufferedImage image = decode(plot.png());
        assertEquals(SequentialBoundsPlot.WIDTH, image.getWidth());
        assertEquals(SequentialBoundsPlot.PANEL_HEIGHT, image.getHeight());
        assertTrue(PixelCount.of(image, SequentialBoundsPlot.BOUNDS.getRGB()) > 30, "bounds (blue) not drawn");
        assertTrue(PixelCount.of(image, SequentialBoundsPlot.MISSED.getRGB()) > 30, "the MISSED line (red) not drawn");
        assertEquals(0, PixelCount.of(image, SequentialBoundsPlot.MET.getRGB()), "nothing was met");
    }

    @Test
    void oneStackedPanelPerLimitOnEachFiguresOwnScale() throws IOException {
        SequentialRecord record = twoLimits();
        assertEquals(List.of(Decision.MISSED, Decision.MET),
                record.limits().stream().map(SequentialRecord.LimitDecision::decision).toList());
        SequentialBoundsPlot plot = new SequentialBoundsPlot(record, "PGD");
        assertTrue(plot.title(1).startsWith("maxDiceDrop ≤ 0.50: MET after "), plot.title(1));
        // A drop lies in [−1, 1]: its bounds start below 0, so its panel is not cut at 0.
        assertEquals(List.of(-1.0, 1.0), Arrays.stream(plot.yRange(1)).boxed().toList());

        BufferedImage image = decode(plot.png());
        assertEquals(2 * SequentialBoundsPlot.PANEL_HEIGHT, image.getHeight());
        BufferedImage top = image.getSubimage(0, 0, image.getWidth(), SequentialBoundsPlot.PANEL_HEIGHT);
        BufferedImage bottom = image.getSubimage(0, SequentialBoundsPlot.PANEL_HEIGHT, image.getWidth(),
                SequentialBoundsPlot.PANEL_HEIGHT);
        assertTrue(PixelCount.of(top, SequentialBoundsPlot.MISSED.getRGB()) > 30, "the top panel is minDice's, missed");
        assertTrue(PixelCount.of(bottom, SequentialBoundsPlot.MET.getRGB()) > 30, "the bottom panel is maxDiceDrop's, met");
        assertEquals(0, PixelCount.of(bottom, SequentialBoundsPlot.MISSED.getRGB()));
    }

    @Test
    void aLimitTheSetOnlyDecidesAtExhaustionIsExact() throws IOException {
        SequentialRecord record = minDice(0.8);
        assertTrue(record.exhausted());
        assertTrue(record.limits().get(0).exact());
        SequentialBoundsPlot plot = new SequentialBoundsPlot(record, "PGD");
        assertEquals("minDice ≥ 0.80: MET on all 48 images' mean", plot.title(0));
        assertEquals(0.8, plot.decidingBound(0), 1e-12);
        assertNotNull(decode(plot.png()));
    }

    @Test
    void aRecordWithoutItsHistoryStillPlotsWhereItStopped() throws IOException {
        SequentialRecord full = minDice(0.3);
        SequentialRecord bare = new SequentialRecord(full.imagesAttacked(), full.imagesTotal(), full.alpha(),
                full.alphaSplit(), full.exhausted(), full.limits(), List.of());
        BufferedImage image = decode(new SequentialBoundsPlot(bare, "PGD").png());
        assertTrue(PixelCount.of(image, SequentialBoundsPlot.BOUNDS.getRGB()) > 5, "the bounds at stopping are drawn");
    }

    @Test
    void onlyASequentialResultGetsThePlotAndTheSequentialSummary() throws IOException {
        RobustnessResult plain = plain();
        SequentialRecord record = minDice(0.3);
        RobustnessResult sequential = plain.withSequential(record);

        List<Attachment> without = ResultAttachmentList.of(plain, List.of(), List.of(), null);
        List<Attachment> with = ResultAttachmentList.of(sequential, List.of(), List.of(), null);
        assertTrue(without.stream().noneMatch(a -> a.name().equals(ResultAttachmentList.SEQUENTIAL_BOUNDS)));
        assertEquals(without.size() + 1, with.size());
        Attachment plot = with.stream().filter(a -> a.name().equals(ResultAttachmentList.SEQUENTIAL_BOUNDS)).findFirst()
                .orElseThrow();
        assertEquals("image/png", plot.mediaType());
        assertEquals("sequential-bounds.png", plot.file());
        assertEquals(SequentialBoundsPlot.WIDTH, decode(plot.content()).getWidth());

        String plainText = text(without, "summary.txt");
        assertFalse(plainText.contains("Sequential"), plainText);
        String text = text(with, "summary.txt");
        int decided = record.limits().get(0).decidedAfter();
        assertTrue(text.contains("Sequential: " + record.imagesAttacked() + " of 48 images attacked, α 0.05 split bonferroni"
                + " (0.05 per limit)"), text);
        assertTrue(text.contains(SequentialVerdict.headline(record)), text);
        assertTrue(text.contains("minDice ≥ 0.800: MISSED after " + decided + " images, bounds "), text);
        // Only the sequential part differs: the rest of the summary is the plain result's.
        assertTrue(text.startsWith(plainText.substring(0, plainText.indexOf("Worst samples:"))), text);
    }

    @Test
    void dashboardListsSequentialGatesOnlyWhenAResultHasARecord() throws IOException {
        SequentialRecord record = minDice(0.3);
        RobustnessResult sequential = plain().withSequential(record);
        RobustnessResult other = Results.uniform(AttackSpec.fgsm(1 / 255f), IMAGES, 0.9, 0.8);

        Document without = page(other);
        assertNull(without.getElementById("sequential"), "no result has a record");
        assertFalse(without.text().contains("Sequential gates"));

        Document page = page(other, sequential);
        Element section = page.getElementById("sequential");
        assertNotNull(section, page.select("section.extra").outerHtml());
        assertEquals("Sequential gates", section.selectFirst("h2").text());
        // Only the sequential result is listed, with how many images it attacked and its headline.
        assertEquals(List.of(sequential.displayName() + " on test-model / hc18/test"), section.select("h3").eachText());
        assertEquals(record.imagesAttacked() + " of 48 images attacked, α 0.05 (bonferroni).",
                section.selectFirst("p.sequential-images").text());
        assertEquals(SequentialVerdict.headline(record), section.selectFirst("p.sequential-headline").text());
        Element row = section.selectFirst("tr.sequential-limit");
        assertEquals(List.of("minDice ≥ 0.80", "MISSED", "after " + record.limits().get(0).decidedAfter() + " images"),
                row.select("td").eachText().subList(0, 3));
        assertTrue(row.selectFirst("td.decision").hasClass("missed"));
        String src = section.selectFirst("figure.sequential-bounds img").attr("src");
        assertTrue(src.startsWith(DataUri.PNG_PREFIX), src.substring(0, Math.min(40, src.length())));
        BufferedImage plot = decode(Base64.getDecoder().decode(src.substring(DataUri.PNG_PREFIX.length())));
        assertEquals(SequentialBoundsPlot.PANEL_HEIGHT, plot.getHeight());
    }

    private static Document page(RobustnessResult... results) {
        return Jsoup.parse(new RobustnessDashboard(new DashboardData("t",
                List.of(ResultsDocument.of("maven:evaluate", List.of(results))), List.of(), List.of()), null).html());
    }

    private static String text(List<Attachment> attachments, String fileName) {
        Optional<Attachment> found = attachments.stream().filter(a -> a.file().equals(fileName)).findFirst();
        return new String(found.orElseThrow().content(), StandardCharsets.UTF_8);
    }

}
