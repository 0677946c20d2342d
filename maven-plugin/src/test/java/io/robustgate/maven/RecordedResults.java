package io.robustgate.maven;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
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
}
