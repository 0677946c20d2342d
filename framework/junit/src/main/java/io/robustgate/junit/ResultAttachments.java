package io.robustgate.junit;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleArtifacts;
import io.robustgate.report.AnalysisAttachments;
import io.robustgate.report.PerturbationPicture;
import io.robustgate.report.ResultsTable;
import io.robustgate.report.RobustnessCurve;
import io.robustgate.report.RobustnessDashboard;
import io.robustgate.report.SamplePanel;
import io.robustgate.report.SummaryAttachment;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The pictures and tables a result contributes to the test report. */
final class ResultAttachments {

    /**
     * Where {@code robustgate:report} puts {@code robustness.html}: beside the Allure report's
     * {@code index.html}, which resolves a relative link against itself.
     */
    static final String DASHBOARD_LINK = RobustnessDashboard.FILE;

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
        // HTML, which Allure shows inline (with the ensemble members and alarms), where Markdown is only a download.
        report.attach("summary", SummaryAttachment.MEDIA_TYPE, SummaryAttachment.EXTENSION,
                SummaryAttachment.html(result.displayName(), List.of(result), List.of()));
        report.attach("per-sample results", "text/csv", "csv", utf8(ResultsTable.samplesCsv(result)));
        report.link("robustness dashboard", DASHBOARD_LINK);
        attachAnalyses(report, result);
        if (result.fit() != null && result.fit().perturbation() != null) {
            PerturbationPicture picture = new PerturbationPicture(result.fit().perturbation());
            report.attach(String.format(Locale.ROOT, "fitted perturbation δ ×%.0f", picture.amplification()), "image/png",
                    "png", picture.png());
        }
    }

    /** The prompt table, the critical-budget histogram and the Dice-against-eps curve, where measured. */
    static void attachAnalyses(TestReport report, RobustnessResult result) {
        for (AnalysisAttachments.Attachment attachment : AnalysisAttachments.of(result)) {
            report.attach(attachment.name(), attachment.mediaType(), attachment.extension(), attachment.content());
        }
    }

    /**
     * For a method with several invocations: the summary of all of them, and a Dice-against-eps
     * curve for each attack the method ran at two or more budgets.
     */
    static void attachMethodSummary(TestReport report, List<RobustnessResult> results) {
        if (report == TestReport.NONE || results.isEmpty()) {
            return;
        }
        List<RobustnessCurve> curves = curves(results);
        report.attach("summary of all invocations", SummaryAttachment.MEDIA_TYPE, SummaryAttachment.EXTENSION,
                SummaryAttachment.html("all invocations", results, curves));
        for (RobustnessCurve curve : curves) {
            report.attach("robustness curve: " + curve.title(), "image/png", "png", curve.png());
        }
    }

    /** A Dice-against-eps curve for each attack run at two or more budgets. */
    static List<RobustnessCurve> curves(List<RobustnessResult> results) {
        List<RobustnessCurve> curves = new java.util.ArrayList<>();
        Map<AttackSpec, List<RobustnessResult>> byAttack = results.stream().collect(Collectors.groupingBy(
                r -> r.attack().withEps(0f), LinkedHashMap::new, Collectors.toList()));
        for (List<RobustnessResult> sweep : byAttack.values()) {
            long budgets = sweep.stream().map(r -> r.attack().eps()).distinct().count();
            if (budgets >= 2) {
                curves.add(new RobustnessCurve(sweep));
            }
        }
        return curves;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
