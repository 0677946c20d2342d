package io.robustgate.report;

import io.robustgate.results.ResultsDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.Sample;
import io.robustgate.evaluation.CriticalBudget;
import io.robustgate.evaluation.CriticalThreshold;
import io.robustgate.evaluation.ImagePrompts;
import io.robustgate.evaluation.PromptRobustness;
import io.robustgate.evaluation.PromptScore;
import io.robustgate.evaluation.ResultAnalyses;
import io.robustgate.evaluation.Results;
import io.robustgate.evaluation.SampleCriticalEps;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleArtifacts;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RecordedGate;
import io.robustgate.gate.RuleCheck;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.metric.Summary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the dashboard for a small build (an annotated FGSM sweep, a PGD result a rule fails, a
 * rule that matches nothing) and reads it back with an HTML parser, as a browser would.
 */
class RobustnessDashboardTest {

    private static final int H = 12;
    private static final int W = 16;

    @TempDir
    Path results;

    private final RobustnessResult fgsm1 = Results.of(AttackSpec.fgsm(1 / 255f), new double[] {0.9, 0.8, 0.7},
            new double[] {0.85, 0.75, 0.6});
    private final RobustnessResult fgsm4 = Results.of(AttackSpec.fgsm(4 / 255f), new double[] {0.9, 0.8, 0.7},
            new double[] {0.7, 0.5, 0.55});
    private RobustnessResult pgd;
    private List<ResultsDocument> documents;
    private List<RuleOutcome> outcomes;

    @BeforeEach
    void build() {
        pgd = withWorst(Results.of(AttackSpec.pgd(2 / 255f), new double[] {0.9, 0.8, 0.7}, new double[] {0.5, 0.1, 0.65}));
        RecordedGate annotation = new RecordedGate(List.of(Limit.minimum(GateMetric.DICE, 0.50)), GateStatistic.MEAN, false);
        documents = List.of(
                ResultsDocument.of("junit:FetalHeadTest#fgsm", List.of(fgsm1)).withGate(annotation),
                ResultsDocument.of("junit:FetalHeadTest#fgsm", List.of(fgsm4)).withGate(annotation),
                ResultsDocument.of("maven:evaluate", List.of(pgd)));
        outcomes = new RuleCheck(List.of(
                new GateRule(AttackNames.PGD, 2 / 255f, List.of(Limit.minimum(GateMetric.DICE, 0.60),
                        Limit.maximum(GateMetric.DICE_DROP, 0.50))),
                new GateRule(AttackNames.APGD, 8 / 255f, List.of(Limit.minimum(GateMetric.DICE, 0.30)))),
                GateStatistic.MEAN).check(List.of(fgsm1, fgsm4, pgd));
        WorstSamplePictures.write(results, "maven:evaluate", pgd);
    }

    private Document render() {
        String html = new RobustnessDashboard(new DashboardData("RobustGate: sample", documents, outcomes, List.of(results)),
                null).html();
        return Jsoup.parse(html);
    }

    @Test
    void bannerSaysFailedAndNamesEveryRuleWithItsMeasuredValue() {
        Document page = render();

        assertEquals("Release gate FAILED: 2 of 4 gates violated", page.getElementById("verdict-banner").text());
        Elements rules = page.select("ul.rules > li.rule");
        assertEquals(4, rules.size(), rules.text());
        Element pgdRule = rules.get(0);
        assertTrue(pgdRule.hasClass("failed"));
        assertTrue(pgdRule.text().contains("rule PGD eps=2/255"), pgdRule.text());
        assertTrue(pgdRule.text().contains("Dice ≥ 0.60 — measured 0.417 (95% CI"), pgdRule.text());
        assertTrue(rules.get(1).text().contains("matched no result"), rules.get(1).text());
        assertTrue(rules.get(2).hasClass("passed"));
        assertTrue(rules.get(2).text().contains("annotation on FetalHeadTest#fgsm, FGSM eps=1/255"), rules.get(2).text());
    }

    @Test
    void oneDiceAndOneIouChartPerModelAndDataWithGateLines() {
        Document page = render();

        Elements groups = page.select("section.data-set");
        assertEquals(1, groups.size());
        assertEquals("test-model / hc18/test", groups.get(0).selectFirst("h2").text());
        Element dice = groups.get(0).selectFirst("figure.chart[data-score=Dice]");
        assertNotNull(dice);
        assertNotNull(groups.get(0).selectFirst("figure.chart[data-score=IoU]"));
        List<String> lines = dice.select("li.gate-line").eachText();
        // PGD's rule (a minimum and a drop turned into a level below clean) and the annotation's minimum, once per budget
        assertTrue(lines.contains("gate PGD eps=2/255: Dice ≥ 0.60 (drawn at 0.600)"), lines.toString());
        assertTrue(lines.contains("gate PGD eps=2/255: Dice drop ≤ 0.50 (clean 0.80 − 0.50) (drawn at 0.300)"),
                lines.toString());
        assertTrue(lines.contains("gate FGSM eps=1/255 (FetalHeadTest): Dice ≥ 0.50 (drawn at 0.500)"), lines.toString());
        assertEquals(String.valueOf(lines.size()), dice.attr("data-gate-lines"));
        assertTrue(dice.selectFirst("img").attr("alt").contains("FGSM, PGD steps=40"), dice.selectFirst("img").attr("alt"));
    }

    @Test
    void twoGatesWhoseLinesReadAlikeAtDifferentLevelsAreBothDrawn() {
        // A drop limit is drawn below its results' clean mean: 0.801 and 0.799 both print as 0.80, the levels differ.
        RecordedGate drop = new RecordedGate(List.of(Limit.maximum(GateMetric.DICE_DROP, 0.50)), GateStatistic.MEAN, false);
        RobustnessResult first = Results.of(AttackSpec.pgd(2 / 255f), new double[] {0.801, 0.801}, new double[] {0.4, 0.5});
        RobustnessResult second = Results.of(AttackSpec.pgd(2 / 255f), new double[] {0.799, 0.799}, new double[] {0.4, 0.5});
        documents = List.of(ResultsDocument.of("junit:PgdTest#a", List.of(first)).withGate(drop),
                ResultsDocument.of("junit:PgdTest#b", List.of(second)).withGate(drop));
        outcomes = List.of();
        List<String> lines = render().selectFirst("figure.chart[data-score=Dice]").select("li.gate-line").eachText();
        assertEquals(List.of("gate PGD eps=2/255 steps=40 (PgdTest): Dice drop ≤ 0.50 (clean 0.80 − 0.50) (drawn at 0.301)",
                "gate PGD eps=2/255 steps=40 (PgdTest): Dice drop ≤ 0.50 (clean 0.80 − 0.50) (2) (drawn at 0.299)"), lines);
    }

    @Test
    void tableHasARowPerResultAndCallsAnnotationGatedResultsGated() {
        Elements rows = render().select("#results-table tbody tr.result");

        assertEquals(3, rows.size());
        List<String> gates = rows.stream().map(r -> r.selectFirst("td.gate").text()).toList();
        assertEquals(List.of("passed", "passed", "FAILED"), gates);
        Element pgdRow = rows.get(2);
        assertEquals("PGD steps=40", pgdRow.child(1).text());
        assertEquals("2/255", pgdRow.child(2).text());
        assertEquals("0.800 → 0.417", pgdRow.child(4).text());
        // Recorded with Dice and IoU only (as files before HD95 and NSD): the other-metrics cell is empty.
        assertEquals("", pgdRow.child(9).text());
        assertEquals("40.0 dB", pgdRow.child(10).text());
    }

    @Test
    void everyImageIsAnInlinePngThatDecodesAndNothingIsFetched() throws Exception {
        Document page = render();

        Elements images = page.select("img");
        assertTrue(images.size() >= 2 + 4, "two charts and the worst samples' pictures, found " + images.size());
        for (Element image : images) {
            String src = image.attr("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, Math.min(40, src.length())));
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()))));
            assertNotNull(decoded, "not a PNG: " + image.attr("alt"));
        }
        assertTrue(page.select("link[href], script[src], iframe").isEmpty());
        assertFalse(page.html().contains("http://") || page.html().contains("https://"));
    }

    @Test
    void galleryShowsTheWorstSamplesByAttackedDiceAndByDrop() {
        Element gallery = render().getElementById("worst-samples");

        assertNotNull(gallery);
        Elements figures = gallery.select("figure.worst");
        // two samples were kept (the worst by attacked Dice and the worst by drop), each shown once
        assertEquals(2, figures.size());
        assertEquals("Largest Dice drop: the same samples", gallery.select("h4").get(1).text());
        assertTrue(figures.get(0).text().startsWith("001_HC.png: Dice 0.800 → 0.100 (drop 0.700)"), figures.get(0).text());
        assertEquals(2, figures.get(0).select("img").size());
    }

    @Test
    void withoutGatesTheBannerSaysSoAndWithoutResultsItFails() {
        String ungated = new RobustnessDashboard(new DashboardData("t", List.of(ResultsDocument.of("maven:evaluate",
                List.of(fgsm1))), List.of(), List.of()), null).html();
        assertEquals("No gate configured: results are measured, not gated",
                Jsoup.parse(ungated).getElementById("verdict-banner").text());
        String empty = new RobustnessDashboard(new DashboardData("t", List.of(), List.of(), List.of()), null).html();
        assertTrue(Jsoup.parse(empty).getElementById("verdict-banner").hasClass("failed"));
    }

    @Test
    void alarmsAndTrendSectionsAppearOnlyWhenTheirDataExists(@TempDir Path reportDir) {
        assertTrue(render().select("#alarms, #trend, #ensemble, #universal").isEmpty());
        Path trendFile = reportDir.resolve(DashboardTrend.FILE);
        DashboardTrend.read(trendFile).plus("build 1", documents).write(trendFile);
        DashboardTrend trend = DashboardTrend.read(trendFile).plus("build 2", documents);
        String html = new RobustnessDashboard(new DashboardData("t", documents, outcomes, List.of(results)), trend).html();
        assertNotNull(Jsoup.parse(html).selectFirst("#trend img"));
        assertEquals(2, trend.builds().size());
    }

    @Test
    void oneAttackFromTwoSourcesIsTwoCurves() {
        RobustnessResult fromATest = Results.of(AttackSpec.fgsm(2 / 255f), new double[] {0.9, 0.9}, new double[] {0.3, 0.4});
        String html = new RobustnessDashboard(new DashboardData("t", List.of(
                ResultsDocument.of("junit:io.example.FetalHeadTest#fgsm", List.of(fgsm1, fgsm4)),
                ResultsDocument.of("junit:io.example.PromptTest#prompts", List.of(fromATest))), List.of(), List.of()), null)
                .html();
        assertTrue(Jsoup.parse(html).selectFirst("figure.chart[data-score=Dice] img").attr("alt")
                .contains("FGSM (FetalHeadTest), FGSM (PromptTest)"));
    }

    @Test
    void promptAndCriticalBudgetSectionsShowWhenAResultHasThoseAnalyses() {
        PromptRobustness prompts = new PromptRobustness(List.of(new ImagePrompts("000_HC.png", "000_HC_Annotation.png",
                List.of(new PromptScore("p1", "fetal head", 0.9, 0.85), new PromptScore("p2", "fetal skull", 0.9, 0.55)),
                "p2", 0.55, 0.30, 0.0, List.of())), new Summary(0.55, 0, 0.55, 0.55, 1), new Summary(0.30, 0, 0.30, 0.30, 1),
                null, null);
        CriticalBudget critical = new CriticalBudget(new CriticalThreshold(0.5, true), 1 / 255f, 4 / 255f,
                List.of(new SampleCriticalEps("000_HC.png|000_HC_Annotation.png|p1", "000_HC.png", "p1", 0.9, 0.45, 2 / 255f)),
                2 / 255f, false, List.of(new CriticalBudget.HistogramBin(1 / 255f, 0), new CriticalBudget.HistogramBin(2 / 255f, 1)),
                0, 3);
        RobustnessResult analysed = fgsm4.withAnalyses(new ResultAnalyses(prompts, critical, null));
        Document page = Jsoup.parse(new RobustnessDashboard(new DashboardData("t",
                List.of(ResultsDocument.of("maven:evaluate", List.of(analysed))), List.of(), List.of()), null).html());

        Element promptRow = page.selectFirst("#prompts table.prompts tbody tr");
        assertNotNull(promptRow, page.select("section.extra").outerHtml());
        assertEquals(List.of("000_HC.png", "p2", "0.550", "0.300", "0.000"), promptRow.select("td").eachText());
        Element budget = page.getElementById("critical-eps");
        assertTrue(budget.text().contains("Median critical eps 2.00/255 over 1 samples"), budget.text());
        assertTrue(budget.selectFirst("img").attr("src").startsWith("data:image/png;base64,"));
    }

    /** The same result with pictures kept for its two worst samples, as the evaluator keeps them. */
    private static RobustnessResult withWorst(RobustnessResult r) {
        List<SampleArtifacts> worst = List.of(artifacts(r, 1), artifacts(r, 0));
        return new RobustnessResult(r.attack(), r.model(), r.modelDirectory(), r.dataset(), r.datasetRoot(), r.split(),
                r.prompt(), r.device(), r.cleanDice(), r.cleanIou(), r.adversarialDice(), r.adversarialIou(), r.diceDrop(),
                r.iouDrop(), r.maxLinf(), r.meanL2(), r.meanPsnr(), r.timings(), r.samples(), worst);
    }

    private static SampleArtifacts artifacts(RobustnessResult r, int index) {
        var s = r.samples().get(index);
        float[] original = new float[3 * H * W];
        float[] adversarial = new float[3 * H * W];
        float[] truth = new float[H * W];
        boolean[] clean = new boolean[H * W];
        boolean[] attacked = new boolean[H * W];
        for (int i = 0; i < H * W; i++) {
            original[i] = (i % W) / (float) W;
            adversarial[i] = original[i] + ((i % 2 == 0) ? 2 / 255f : -2 / 255f);
            truth[i] = (i / W > 3 && i / W < 9 && i % W > 4 && i % W < 12) ? 1f : 0f;
            clean[i] = truth[i] > 0.5f;
            attacked[i] = i % W < 6;
        }
        Sample sample = new Sample(s.imageName(), s.maskName(), s.promptKey(), s.prompt(), Path.of("images", s.imageName()),
                Path.of("masks", s.maskName()));
        return new SampleArtifacts(sample, 3, H, W, original, adversarial, truth, clean, attacked, s.cleanDice(),
                s.adversarialDice());
    }
}
