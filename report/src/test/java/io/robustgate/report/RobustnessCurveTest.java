package io.robustgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.Timings;
import io.robustgate.metric.Summary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RobustnessCurveTest {

    static RobustnessResult result(AttackSpec attack, double clean, double attacked, double ciLow, double ciHigh) {
        Summary cleanSummary = new Summary(clean, 0.05, clean - 0.02, clean + 0.02, 6);
        Summary attackedSummary = new Summary(attacked, 0.1, ciLow, ciHigh, 6);
        Summary drop = new Summary(clean - attacked, 0.1, 0, 1, 6);
        return new RobustnessResult(attack, "golden-fixture", "/models/golden", "heldout/test", "/data/heldout", "test",
                "p1", "cpu()", cleanSummary, cleanSummary, attackedSummary, attackedSummary, drop, drop, attack.eps(), 0.1,
                40, new Timings(1, 1, 6), List.of(), List.of());
    }

    private static final List<RobustnessResult> SWEEP = List.of(
            result(AttackSpec.fgsm(4 / 255f), 0.9, 0.30, 0.20, 0.45),
            result(AttackSpec.fgsm(1 / 255f), 0.9, 0.80, 0.70, 0.85),
            result(AttackSpec.fgsm(2 / 255f), 0.9, 0.60, 0.50, 0.66));

    @Test
    void pointsAreOrderedByBudgetAndCarryTheAttackedMeanAndInterval() {
        List<RobustnessCurve.Point> points = new RobustnessCurve(SWEEP).points();
        assertEquals(List.of(1 / 255f, 2 / 255f, 4 / 255f), points.stream().map(RobustnessCurve.Point::eps).toList());
        assertEquals(List.of(0.80, 0.60, 0.30), points.stream().map(RobustnessCurve.Point::attackedDice).toList());
        assertEquals(0.50, points.get(1).ciLow());
        assertEquals(0.66, points.get(1).ciHigh());
        assertEquals(0.9, points.get(2).cleanDice());
    }

    @Test
    void titleNamesTheAttackWithoutItsBudget() {
        String title = new RobustnessCurve(SWEEP).title();
        assertEquals("FGSM on golden-fixture / heldout/test", title);
    }

    @Test
    void pngDecodesAndShowsTheCleanAndAttackedSeries() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(new RobustnessCurve(SWEEP).png()));
        assertEquals(RobustnessCurve.WIDTH, image.getWidth());
        assertEquals(RobustnessCurve.HEIGHT, image.getHeight());
        assertTrue(PixelCount.of(image, 0xC62828) > 30, "attacked series (red) not drawn");
        assertTrue(PixelCount.of(image, 0x2E7D32) > 30, "clean series (green) not drawn");
    }

    @Test
    void needsAtLeastOneResult() {
        assertThrows(IllegalArgumentException.class, () -> new RobustnessCurve(List.of()));
    }

}
