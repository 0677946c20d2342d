package io.robustgate.maven;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleAggregates;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.evaluation.Timings;
import io.robustgate.metric.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Results with chosen Dice scores, as a results JSON would carry them, for goals that only read results. */
final class RecordedResults {

    private RecordedResults() {}

    /** {@code n} samples, each scoring {@code clean} before and {@code attacked} after the attack. */
    static RobustnessResult uniform(AttackSpec spec, int n, double clean, double attacked) {
        double[] cleanDice = new double[n];
        double[] attackedDice = new double[n];
        Arrays.fill(cleanDice, clean);
        Arrays.fill(attackedDice, attacked);
        double cleanIou = clean / (2 - clean);
        double attackedIou = attacked / (2 - attacked);
        double[] cleanIous = new double[n];
        double[] attackedIous = new double[n];
        Arrays.fill(cleanIous, cleanIou);
        Arrays.fill(attackedIous, attackedIou);
        double[] diceDrop = new double[n];
        double[] iouDrop = new double[n];
        Arrays.fill(diceDrop, clean - attacked);
        Arrays.fill(iouDrop, cleanIou - attackedIou);
        List<SampleResult> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String image = String.format("%03d_HC.png", i);
            samples.add(new SampleResult(String.valueOf(i), image, image.replace(".png", "_Annotation.png"), "p1",
                    "fetal head, ultrasound", clean, cleanIou, attacked, attackedIou, spec.eps(), 0.2, 45));
        }
        return new RobustnessResult(spec, "hc18-vlsm", "/models/hc18", "hc18/test", "/data/hc18", "test", "p1", "cpu()",
                Summary.of(cleanDice, 1), Summary.of(cleanIous, 1), Summary.of(attackedDice, 1),
                Summary.of(attackedIous, 1), Summary.of(diceDrop, 1), Summary.of(iouDrop, 1), spec.eps(), 0.2, 45,
                new Timings(0.5, 2.0, 3.0), samples, List.of());
    }

    /**
     * {@code n} samples with Dice 0.90 → 0.61 and the given HD95 before and after the attack (NSD
     * 0.90 → 0.50), aggregated as the evaluator does.
     */
    static RobustnessResult withHd95(AttackSpec spec, int n, double cleanHd95, double attackedHd95) {
        List<SampleResult> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String image = String.format("%03d_HC.png", i);
            java.util.Map<String, Double> figures = new java.util.LinkedHashMap<>();
            figures.put("cleanDice", 0.90);
            figures.put("cleanIou", 0.90 / 1.1);
            figures.put("cleanHd95", cleanHd95);
            figures.put("cleanNsd", 0.90);
            figures.put("adversarialDice", 0.61);
            figures.put("adversarialIou", 0.61 / 1.39);
            figures.put("adversarialHd95", attackedHd95);
            figures.put("adversarialNsd", 0.50);
            samples.add(new SampleResult(String.valueOf(i), image, image.replace(".png", "_Annotation.png"), "p1",
                    "fetal head, ultrasound", figures, spec.eps(), 0.2, 45, List.of(), null, java.util.Map.of(), 10));
        }
        SampleAggregates a = SampleAggregates.of(samples, 1);
        return new RobustnessResult(spec, "hc18-vlsm", "/models/hc18", "hc18/test", "/data/hc18", "test", "p1", "cpu()",
                a.figures(), a.maxLinf(), a.meanL2(), a.meanPsnr(), new Timings(0.5, 2.0, 3.0), samples, List.of(), List.of(),
                null, null, "px", null);
    }
}
