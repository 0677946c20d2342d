package io.robustgate.junit;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.report.AnalysisAttachments;
import io.robustgate.report.ResultAttachmentList;
import io.robustgate.report.RobustnessCurve;
import io.robustgate.report.SeverityCurve;
import io.robustgate.report.RobustnessDashboard;
import io.robustgate.report.SummaryAttachment;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The result's attachments ({@link ResultAttachmentList}, the same as {@code robustgate:report}'s) and the dashboard link. */
    static void attachResult(TestReport report, RobustnessResult result) {
        if (report == TestReport.NONE) {
            return;
        }
        for (AnalysisAttachments.Attachment attachment : ResultAttachmentList.of(result,
                ResultAttachmentList.livePanels(result), List.of(), null)) {
            report.attach(attachment.name(), attachment.mediaType(), attachment.extension(), attachment.content());
        }
        report.link("robustness dashboard", DASHBOARD_LINK);
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
        for (SeverityCurve curve : SeverityCurve.of(results)) {
            report.attach("severity curve: " + curve.title(), "image/png", "png", curve.png());
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
}
