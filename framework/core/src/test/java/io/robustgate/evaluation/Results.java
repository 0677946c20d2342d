package io.robustgate.evaluation;

import io.robustgate.attack.AttackSpec;
import io.robustgate.metric.Summary;
import java.util.ArrayList;
import java.util.List;

/** Builds results from per-sample figures without running a model, for gate and report tests. */
public final class Results {

    private Results() {}

    /** One sample per (clean, attacked) Dice pair; IoU is derived as Dice/(2−Dice). */
    public static RobustnessResult of(AttackSpec spec, double[] cleanDice, double[] attackedDice) {
        List<SampleResult> samples = new ArrayList<>();
        for (int i = 0; i < cleanDice.length; i++) {
            samples.add(new SampleResult(String.format("%03d_HC.png|%03d_HC_Annotation.png|p1", i, i),
                    String.format("%03d_HC.png", i), String.format("%03d_HC_Annotation.png", i), "p1", "fetal head",
                    cleanDice[i], iou(cleanDice[i]), attackedDice[i], iou(attackedDice[i]), spec.eps(), 1.0,
                    i == 0 ? Double.POSITIVE_INFINITY : 40.0));
        }
        double[] cleanIou = samples.stream().mapToDouble(SampleResult::cleanIou).toArray();
        double[] attackedIou = samples.stream().mapToDouble(SampleResult::adversarialIou).toArray();
        double[] diceDrop = samples.stream().mapToDouble(s -> s.cleanDice() - s.adversarialDice()).toArray();
        double[] iouDrop = samples.stream().mapToDouble(s -> s.cleanIou() - s.adversarialIou()).toArray();
        return new RobustnessResult(spec, "test-model", "/models/test", "hc18/test", "/data/hc18", "test", "p1", "cpu()",
                Summary.of(cleanDice, 1), Summary.of(cleanIou, 1), Summary.of(attackedDice, 1), Summary.of(attackedIou, 1),
                Summary.of(diceDrop, 1), Summary.of(iouDrop, 1), spec.eps(), 1.0, 40.0, new Timings(0.5, 2.0, 3.0),
                samples, List.of());
    }

    /** {@code n} samples, each scoring {@code clean} before and {@code attacked} after the attack. */
    public static RobustnessResult uniform(AttackSpec spec, int n, double clean, double attacked) {
        double[] before = new double[n];
        double[] after = new double[n];
        java.util.Arrays.fill(before, clean);
        java.util.Arrays.fill(after, attacked);
        return of(spec, before, after);
    }

    private static double iou(double dice) {
        return dice / (2 - dice);
    }
}
