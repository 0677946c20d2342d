package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a result's analyses add to its test page, in the same form for the JUnit extension and for
 * {@code robustgate:evaluate}'s Allure cases: the prompt table, the critical-budget table and
 * histogram, and the Dice-against-eps curve with its table. Tables are HTML pages, which Allure
 * shows inline; pictures are PNG.
 */
public final class AnalysisAttachments {

    /** @param file a short file name for the attachment ({@code prompts.html}); @param mediaType its media type */
    public record Attachment(String name, String file, String mediaType, byte[] content) {

        /** The file name's extension, without the dot. */
        public String extension() {
            return file.substring(file.lastIndexOf('.') + 1);
        }
    }

    private AnalysisAttachments() {}

    /** The attachments for the analyses {@code result} carries; empty when it carries none. */
    public static List<Attachment> of(RobustnessResult result) {
        List<Attachment> attachments = new ArrayList<>();
        String prompts = ResultsTable.promptsMarkdown(result);
        if (!prompts.isEmpty()) {
            attachments.add(table("prompts × Dice (largest spread first)", "prompts.html", prompts));
        }
        result.criticalBudget().ifPresent(budget -> {
            attachments.add(new Attachment("critical eps histogram", "critical-eps.png", "image/png",
                    new CriticalBudgetHistogram(result, budget).png()));
            attachments.add(table("critical eps", "critical-eps.html", ResultsTable.criticalBudgetMarkdown(result)));
        });
        result.curve().ifPresent(curve -> {
            RobustnessCurve picture = new RobustnessCurve(result, curve);
            attachments.add(new Attachment("Dice against eps: " + picture.title(), "curve.png", "image/png", picture.png()));
            attachments.add(table("Dice against eps", "curve.html", ResultsTable.curveMarkdown(result)));
        });
        return attachments;
    }

    private static Attachment table(String name, String file, String markdown) {
        return new Attachment(name, file, SummaryAttachment.MEDIA_TYPE, MarkdownAttachment.html(name, markdown));
    }
}
