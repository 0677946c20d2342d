package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.attack.AttackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the analyses beyond the attack at one budget found; each part null when it was not run.
 *
 * @param prompts every prompt of each image compared (a set read with {@code prompt=all})
 * @param criticalBudget the smallest budget that breaks each sample
 * @param curve mean Dice against eps up to the result's budget, with its normalised area
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultAnalyses(PromptRobustness prompts, CriticalBudget criticalBudget, DiceCurve curve) {

    /** Runs {@code analyses} around {@code result}, which {@code evaluator} produced for {@code spec}. */
    static ResultAnalyses measure(RobustnessEvaluator evaluator, AttackSpec spec, RobustnessResult result,
            Analyses analyses) {
        long seed = evaluator.options().bootstrapSeed();
        PromptRobustness prompts = PromptRobustness.of(result.samples(), seed);
        if (prompts != null && analyses.promptTransfer()) {
            Map<String, List<List<Double>>> matrices = PromptTransfer.measure(evaluator, spec);
            prompts = PromptRobustness.ofImages(prompts.images().stream()
                    .map(image -> image.withTransfer(matrices.getOrDefault(image.imageName() + "|" + image.maskName(),
                            List.of())))
                    .toList(), seed);
        } else if (analyses.promptTransfer()) {
            throw new IllegalArgumentException("prompt transfer compares an image's prompts, but no image of "
                    + result.dataset() + " has two: read the set with prompt=all");
        }
        CriticalBudget critical = analyses.critical() == null ? null
                : CriticalBudgetSearch.search(evaluator, spec, result, analyses.critical(), analyses.criticalStep());
        DiceCurve curve = null;
        if (analyses.curvePoints() > 0) {
            List<Float> budgets = DiceCurve.budgets(spec.eps(), analyses.curvePoints());
            List<RobustnessResult> sweep = new ArrayList<>(
                    evaluator.sweep(spec, budgets.subList(0, budgets.size() - 1)));
            sweep.add(result);
            curve = DiceCurve.of(result, sweep);
        }
        if (prompts == null && critical == null && curve == null) {
            return null;
        }
        return new ResultAnalyses(prompts, critical, curve);
    }
}
