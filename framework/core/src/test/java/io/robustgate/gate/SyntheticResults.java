package io.robustgate.gate;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.evaluation.Timings;
import io.robustgate.metric.Summary;
import java.util.ArrayList;
import java.util.List;

/**
 * Results built from per-sample Dice scores, without a model, so gate and report logic can be
 * tested on numbers chosen to sit on either side of a limit. IoU is derived from Dice
 * ({@code IoU = D / (2 − D)}), as it is for a single binary mask.
 */
public final class SyntheticResults {

    private SyntheticResults() {}

    public static RobustnessResult result(AttackSpec spec, double[] cleanDice, double[] attackedDice) {
        int n = cleanDice.length;
        double[] cleanIou = new double[n];
        double[] attackedIou = new double[n];
        double[] diceDrop = new double[n];
        double[] iouDrop = new double[n];
        List<SampleResult> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cleanIou[i] = cleanDice[i] / (2 - cleanDice[i]);
            attackedIou[i] = attackedDice[i] / (2 - attackedDice[i]);
            diceDrop[i] = cleanDice[i] - attackedDice[i];
            iouDrop[i] = cleanIou[i] - attackedIou[i];
            String image = String.format("%03d_HC.png", i);
            samples.add(new SampleResult(String.valueOf(i), image, image.replace(".png", "_Annotation.png"), "p1",
                    "fetal head", cleanDice[i], cleanIou[i], attackedDice[i], attackedIou[i], spec.eps(), 0.1, 40));
        }
        long seed = 7;
        return new RobustnessResult(spec, "synthetic-model", "/models/synthetic", "hc18/test", "/data/hc18", "test", "p1",
                "cpu()", Summary.of(cleanDice, seed), Summary.of(cleanIou, seed), Summary.of(attackedDice, seed),
                Summary.of(attackedIou, seed), Summary.of(diceDrop, seed), Summary.of(iouDrop, seed), spec.eps(), 0.1,
                40, new Timings(1, 2, 3), samples, List.of());
    }

    /** Every sample scores {@code clean} before and {@code attacked} after the attack. */
    public static RobustnessResult uniform(AttackSpec spec, int n, double clean, double attacked) {
        double[] before = new double[n];
        double[] after = new double[n];
        java.util.Arrays.fill(before, clean);
        java.util.Arrays.fill(after, attacked);
        return result(spec, before, after);
    }
}
