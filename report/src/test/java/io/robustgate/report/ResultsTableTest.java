package io.robustgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    @Test
    void headlineSaysCleanAndAttackedFiguresOnOneLine() {
        RobustnessResult pgd = RobustnessCurveTest.result(AttackSpec.pgd(2 / 255f), 0.913, 0.612, 0.580, 0.640);
        String headline = ResultsTable.headline(pgd);
        assertTrue(headline.startsWith("PGD eps=2/255 steps=40: Dice 0.913 → 0.612 (95% CI 0.580–0.640), IoU "), headline);
        assertTrue(headline.endsWith(", n=6"), headline);
    }

    @Test
    void markdownHasOneRowPerResultWithItsFigures() {
        RobustnessResult pgd = RobustnessCurveTest.result(AttackSpec.pgd(2 / 255f), 0.913, 0.612, 0.580, 0.640);
        String[] lines = ResultsTable.markdown(List.of(pgd, pgd)).split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[2].startsWith("| PGD eps=2/255 steps=40 | 6 | 0.913 | 0.612 (0.580–0.640) | 0.301 |"), lines[2]);
    }

    @Test
    void csvQuotesPromptsAndHasOneRowPerSample() {
        RobustnessResult base = RobustnessCurveTest.result(AttackSpec.fgsm(1 / 255f), 0.9, 0.8, 0.7, 0.85);
        SampleResult sample = new SampleResult("a|b|p1", "a.png", "b.png", "p1", "head, \"oval\"", 0.9, 0.8, 0.5, 0.4,
                1 / 255.0, 0.2, 45.0, List.of(MaskingAlarm.ZERO_GRADIENT, MaskingAlarm.LOSS_NOT_RISING), "APGD steps=100 loss=BCE",
                java.util.Map.of("APGD steps=100 loss=BCE", 0.5));
        RobustnessResult result = new RobustnessResult(base.attack(), base.model(), base.modelDirectory(),
                base.dataset(), base.datasetRoot(), base.split(), base.prompt(), base.device(), base.cleanDice(),
                base.cleanIou(), base.adversarialDice(), base.adversarialIou(), base.diceDrop(), base.iouDrop(),
                base.maxLinf(), base.meanL2(), base.meanPsnr(), base.timings(), List.of(sample), List.of());
        String[] lines = ResultsTable.samplesCsv(result).split("\n");
        assertEquals(2, lines.length);
        assertEquals("\"a.png\",\"b.png\",\"p1\",\"head, \"\"oval\"\"\",0.90000,0.50000,0.40000,0.80000,0.40000,0.00392,0.20000,45.00000,"
                + "\"ZERO_GRADIENT LOSS_NOT_RISING\",\"APGD steps=100 loss=BCE\"", lines[1]);
    }
}
