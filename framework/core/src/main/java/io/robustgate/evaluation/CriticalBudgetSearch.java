package io.robustgate.evaluation;

import io.robustgate.attack.Attack;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.SetLevelAttack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bisection, per sample, for the smallest budget at which an attack takes the Dice below a
 * threshold. The grid is {@code k·maxEps/n}; each sample keeps a bracket {@code (lo, hi]} with
 * Dice at {@code lo} at or above the threshold and below it at {@code hi}, starting from the clean
 * image ({@code k = 0}) and the result at {@code maxEps} ({@code k = n}), so a search costs
 * {@code ⌈log2 n⌉} attack runs per sample. Each round attacks, per candidate budget, the samples
 * that asked for it in one evaluation; per-sample seeds depend on the sample, not its batch, so a
 * sample's Dice at a budget is the one a full sweep would give it.
 *
 * <p>The answer is the grid point where the bracket closed. When Dice is not monotone in eps for
 * a sample, that is one crossing of the threshold, not necessarily the first.
 */
final class CriticalBudgetSearch {

    private CriticalBudgetSearch() {}

    static CriticalBudget search(RobustnessEvaluator evaluator, AttackSpec spec, RobustnessResult atMax,
            CriticalThreshold threshold, float resolution) {
        if (Attack.of(spec) instanceof SetLevelAttack) {
            throw new IllegalArgumentException(spec.name() + " fits one perturbation to a set; the critical budget "
                    + "is searched per sample, with a per-sample attack such as PGD or ENSEMBLE");
        }
        float maxEps = spec.eps();
        if (!(maxEps > 0)) {
            throw new IllegalArgumentException("the critical budget is searched in (0, eps]; eps must be positive");
        }
        int n = Math.max(1, (int) Math.ceil(maxEps / resolution - 1e-4));
        float step = maxEps / n;
        List<SampleResult> samples = atMax.samples();
        int[] lo = new int[samples.size()];
        int[] hi = new int[samples.size()];
        boolean[] reached = new boolean[samples.size()];
        double[] limits = new double[samples.size()];
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            SampleResult sample = samples.get(i);
            indexOf.put(sample.sampleId(), i);
            limits[i] = threshold.diceFor(sample.cleanDice());
            if (sample.cleanDice() < limits[i]) {
                reached[i] = true; // broken without any attack
            } else if (sample.adversarialDice() < limits[i]) {
                reached[i] = true;
                hi[i] = n;
            }
        }
        int runs = 1;
        while (true) {
            Map<Integer, Set<String>> byCandidate = new TreeMap<>();
            for (int i = 0; i < samples.size(); i++) {
                if (reached[i] && hi[i] - lo[i] > 1) {
                    byCandidate.computeIfAbsent((lo[i] + hi[i]) >>> 1, k -> new HashSet<>())
                            .add(samples.get(i).sampleId());
                }
            }
            if (byCandidate.isEmpty()) {
                break;
            }
            for (Map.Entry<Integer, Set<String>> candidate : byCandidate.entrySet()) {
                int k = candidate.getKey();
                Set<String> ids = candidate.getValue();
                RobustnessResult attacked = evaluator.only(sample -> ids.contains(sample.id()))
                        .evaluate(spec.withEps(gridEps(k, n, maxEps)));
                for (SampleResult result : attacked.samples()) {
                    int i = indexOf.get(result.sampleId());
                    if (result.adversarialDice() < limits[i]) {
                        hi[i] = k;
                    } else {
                        lo[i] = k;
                    }
                }
            }
            runs++;
        }
        List<SampleCriticalEps> found = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            SampleResult sample = samples.get(i);
            found.add(new SampleCriticalEps(sample.sampleId(), sample.imageName(), sample.promptKey(), sample.cleanDice(),
                    limits[i], reached[i] ? gridEps(hi[i], n, maxEps) : null));
        }
        return CriticalBudget.of(threshold, step, n, maxEps, found, runs);
    }

    /** Grid point {@code k} of {@code n}; the last is exactly {@code maxEps}. */
    static float gridEps(int k, int n, float maxEps) {
        return k == n ? maxEps : maxEps * k / n;
    }
}
