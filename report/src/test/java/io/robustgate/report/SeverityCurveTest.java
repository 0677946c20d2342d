package io.robustgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.results.ResultsDocument;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Corruption results plot against their severity, one line per kind, and stay off the eps charts. */
class SeverityCurveTest {

    private static RobustnessResult corruption(String kinds, int severity, double attacked) {
        AttackSpec spec = AttackSpec.of(AttackNames.CORRUPTION, 0, Map.of("kinds", kinds, "severity", severity,
                "worst", kinds.contains(",")));
        return RobustnessCurveTest.result(spec, 0.9, attacked, attacked - 0.05, attacked + 0.05);
    }

    private static final List<RobustnessResult> RESULTS = List.of(
            corruption("jpeg", 3, 0.80), corruption("jpeg", 1, 0.88), corruption("contrast", 1, 0.85),
            corruption("contrast", 3, 0.60), corruption("jpeg,contrast", 1, 0.84), corruption("jpeg,contrast", 3, 0.58));

    @Test
    void oneLinePerKindAndTheWorstByIncreasingSeverity() {
        SeverityCurve curve = SeverityCurve.of(RESULTS).get(0);
        assertEquals(List.of("jpeg", "contrast", "worst of jpeg,contrast"), List.copyOf(curve.lines().keySet()));
        assertEquals(List.of(1.0, 3.0), curve.lines().get("jpeg").stream().map(p -> p[0]).toList());
        assertEquals(List.of(0.88, 0.80), curve.lines().get("jpeg").stream().map(p -> p[1]).toList());
        assertEquals("CORRUPTION: Dice against severity on golden-fixture / heldout/test", curve.title());
        assertTrue(SeverityCurve.of(List.of(RobustnessCurveTest.result(AttackSpec.fgsm(2 / 255f), 0.9, 0.5, 0.4, 0.6)))
                .isEmpty(), "an attack with a budget has no severity");
    }

    @Test
    void pngDecodes() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(SeverityCurve.of(RESULTS).get(0).png()));
        assertEquals(RobustnessCurve.WIDTH, image.getWidth());
        assertEquals(RobustnessCurve.HEIGHT, image.getHeight());
    }

    @Test
    void theDashboardShowsTheSeverityCurveAndKeepsCorruptionsOffTheEpsCharts() {
        RobustnessResult pgd = RobustnessCurveTest.result(AttackSpec.pgd(2 / 255f), 0.9, 0.5, 0.4, 0.6);
        List<RobustnessResult> all = new java.util.ArrayList<>(RESULTS);
        all.add(pgd);
        String html = new RobustnessDashboard(new DashboardData("t", List.of(ResultsDocument.of("maven:evaluate", all)),
                List.of(), List.of()), null).html();
        Document page = Jsoup.parse(html);
        assertNotNull(page.getElementById("severity"), "the severity section");
        assertEquals(1, page.select("img[alt^=CORRUPTION: Dice against severity]").size());
        String epsCharts = page.select("img[alt*=against eps]").attr("alt");
        assertTrue(epsCharts.contains("PGD"), epsCharts);
        assertFalse(epsCharts.contains("CORRUPTION"), epsCharts);
    }
}
