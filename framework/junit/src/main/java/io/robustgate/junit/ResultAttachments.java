package io.robustgate.junit;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleArtifacts;
import io.robustgate.report.CriticalBudgetHistogram;
import io.robustgate.report.PerturbationPicture;
import io.robustgate.report.ResultsTable;
import io.robustgate.report.RobustnessCurve;
import io.robustgate.report.SamplePanel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The pictures and tables a result contributes to the test report. */
final class ResultAttachments {

    private ResultAttachments() {}

    /** Worst samples as picture panels, the summary row and the per-sample table. */
    static void attachResult(TestReport report, RobustnessResult result) {
        if (report == TestReport.NONE) {
            return;
        }
        List<SampleArtifacts> worst = result.worstArtifacts();
        for (int rank = 0; rank < worst.size(); rank++) {
            SampleArtifacts sample = worst.get(rank);
            String name = String.format(Locale.ROOT, "worst #%d: %s (Dice %.3f → %.3f)", rank + 1,
                    sample.sample().imageName(), sample.cleanDice(), sample.adversarialDice());
            report.attach(name, "image/png", "png", new SamplePanel(sample, result.displayName()).png());
        }
        report.attach("summary", "text/markdown", "md", utf8(ResultsTable.markdown(List.of(result))));
        String members = ResultsTable.membersMarkdown(result);
        if (!members.isEmpty()) {
            report.attach("ensemble members", "text/markdown", "md", utf8(members));
        }
        String alarms = ResultsTable.alarmsMarkdown(result);
        if (!alarms.isEmpty()) {
            report.attach("gradient-masking alarms", "text/markdown", "md", utf8(alarms));
        }
        report.attach("per-sample results", "text/csv", "csv", utf8(ResultsTable.samplesCsv(result)));
        attachAnalyses(report, result);
        if (result.fit() != null && result.fit().perturbation() != null) {
            PerturbationPicture picture = new PerturbationPicture(result.fit().perturbation());
            report.attach(String.format(Locale.ROOT, "fitted perturbation δ ×%.0f", picture.amplification()), "image/png",
                    "png", picture.png());
        }
    }

    /** The prompt table, the critical-budget histogram and the Dice-against-eps curve, where measured. */
    static void attachAnalyses(TestReport report, RobustnessResult result) {
        String prompts = ResultsTable.promptsMarkdown(result);
        if (!prompts.isEmpty()) {
            report.attach("prompts × Dice (largest spread first)", "text/markdown", "md", utf8(prompts));
        }
        result.criticalBudget().ifPresent(budget -> {
            CriticalBudgetHistogram histogram = new CriticalBudgetHistogram(result, budget);
            report.attach("critical eps histogram", "image/png", "png", histogram.png());
            report.attach("critical eps", "text/markdown", "md", utf8(ResultsTable.criticalBudgetMarkdown(result)));
        });
        result.curve().ifPresent(curve -> {
            RobustnessCurve picture = new RobustnessCurve(result, curve);
            report.attach("Dice against eps: " + picture.title(), "image/png", "png", picture.png());
            report.attach("Dice against eps", "text/markdown", "md", utf8(ResultsTable.curveMarkdown(result)));
        });
    }

    /**
     * For a method with several invocations: the summary of all of them, and a Dice-against-eps
     * curve for each attack the method ran at two or more budgets.
     */
    static void attachMethodSummary(TestReport report, List<RobustnessResult> results) {
        if (report == TestReport.NONE || results.isEmpty()) {
            return;
        }
        report.attach("summary of all invocations", "text/markdown", "md", utf8(ResultsTable.markdown(results)));
        Map<AttackSpec, List<RobustnessResult>> byAttack = results.stream().collect(Collectors.groupingBy(
                r -> r.attack().withEps(0f), LinkedHashMap::new, Collectors.toList()));
        for (List<RobustnessResult> sweep : byAttack.values()) {
            long budgets = sweep.stream().map(r -> r.attack().eps()).distinct().count();
            if (budgets >= 2) {
                RobustnessCurve curve = new RobustnessCurve(sweep);
                report.attach("robustness curve: " + curve.title(), "image/png", "png", curve.png());
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
