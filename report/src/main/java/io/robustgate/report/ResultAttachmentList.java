package io.robustgate.report;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleArtifacts;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.evaluation.sequential.Decision;
import io.robustgate.evaluation.sequential.SequentialRecord;
import io.robustgate.evaluation.sequential.SequentialVerdict;
import io.robustgate.metric.Summary;
import io.robustgate.report.AnalysisAttachments.Attachment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one list of what a result puts on its test page, for the JUnit extension (through Allure's
 * lifecycle) and for {@code robustgate:report}'s Allure cases (as files in allure-results): the
 * worst samples' panels, the summary (HTML, which Allure shows inline) and the curves of its sweep,
 * a sequential evaluation's bounds ({@link SequentialBoundsPlot}; only a result with a sequential
 * record has it), the text summary (with a "Sequential" part then), the per-sample table, the
 * analyses' tables and pictures, and the fitted perturbation δ where the result still holds it.
 * Each front-end adds only its transport.
 */
public final class ResultAttachmentList {

    /** A worst sample's picture panel, with what its name shows. */
    public record WorstPanel(String imageName, double cleanDice, double adversarialDice, byte[] png) {}

    /** The name of the picture of a sequential evaluation's bounds ({@link SequentialBoundsPlot}). */
    public static final String SEQUENTIAL_BOUNDS = "Sequential bounds";

    private ResultAttachmentList() {}

    /**
     * @param worst the worst samples' panels, worst first
     * @param curves the Dice-against-eps curves of the sweep this result belongs to (none: no sweep)
     * @param provenance where the result was recorded ({@code Source: …, recorded …}); null: not said
     */
    public static List<Attachment> of(RobustnessResult result, List<WorstPanel> worst, List<RobustnessCurve> curves,
                                      String provenance) {
        List<Attachment> attachments = new ArrayList<>();
        for (int rank = 1; rank <= worst.size(); rank++) {
            WorstPanel panel = worst.get(rank - 1);
            attachments.add(new Attachment(String.format(Locale.ROOT, "worst #%d: %s (Dice %.3f → %.3f)", rank,
                    panel.imageName(), panel.cleanDice(), panel.adversarialDice()), "worst-" + rank + ".png",
                    "image/png", panel.png()));
        }
        attachments.add(new Attachment("summary", "summary." + SummaryAttachment.EXTENSION, SummaryAttachment.MEDIA_TYPE,
                SummaryAttachment.html(result.displayName(), List.of(result), curves)));
        for (int i = 0; i < curves.size(); i++) {
            attachments.add(new Attachment("robustness curve: " + curves.get(i).title(),
                    i == 0 ? "sweep-curve.png" : "sweep-curve-" + (i + 1) + ".png", "image/png", curves.get(i).png()));
        }
        result.sequentialRecord().ifPresent(record -> attachments.add(new Attachment(SEQUENTIAL_BOUNDS,
                "sequential-bounds.png", "image/png", new SequentialBoundsPlot(record, result.displayName()).png())));
        attachments.add(new Attachment("Summary (text)", "summary.txt", "text/plain", utf8(textSummary(result, provenance))));
        attachments.add(new Attachment("Per-sample results", "samples.csv", "text/csv", utf8(ResultsTable.samplesCsv(result))));
        attachments.addAll(AnalysisAttachments.of(result));
        if (result.fit() != null && result.fit().perturbation() != null) {
            PerturbationPicture picture = new PerturbationPicture(result.fit().perturbation());
            attachments.add(new Attachment(String.format(Locale.ROOT, "fitted perturbation δ ×%.0f", picture.amplification()),
                    "perturbation.png", "image/png", picture.png()));
        }
        return attachments;
    }

    /** The panels of the worst samples a live result still holds (the JUnit extension's). */
    public static List<WorstPanel> livePanels(RobustnessResult result) {
        List<WorstPanel> panels = new ArrayList<>();
        for (SampleArtifacts sample : result.worstArtifacts()) {
            panels.add(new WorstPanel(sample.sample().imageName(), sample.cleanDice(), sample.adversarialDice(),
                    new SamplePanel(sample, result).png()));
        }
        return panels;
    }

    /** The panels {@code evaluate} kept beside its results ({@link WorstSamplePictures}), worst first. */
    public static List<WorstPanel> storedPanels(RobustnessResult result, Map<String, WorstSamplePictures.Pictures> pictures) {
        List<WorstPanel> panels = new ArrayList<>();
        for (SampleResult sample : result.worstSamples(result.samples().size())) {
            WorstSamplePictures.Pictures picture = pictures.get(sample.sampleId());
            if (picture != null) {
                panels.add(new WorstPanel(sample.imageName(), sample.cleanDice(), sample.adversarialDice(), picture.panel()));
            }
        }
        return panels;
    }

    /** The result in a few lines of Markdown: attack, model, set, the Dice and IoU table and the perturbation's size. */
    public static String description(RobustnessResult result) {
        return String.format(Locale.ROOT, "%s against **%s** on **%s** (prompt %s, %d samples, %s).%n%n"
                        + "| | clean | attacked | drop |%n|---|--:|--:|--:|%n"
                        + "| Dice | %s | %s | %s |%n| IoU | %s | %s | %s |%n%n"
                        + "Perturbation: max L∞ %.4f, mean L2 %.3f, mean PSNR %.1f dB.",
                result.displayName(), result.model(), result.dataset(), result.prompt(), result.samples().size(),
                result.device(), figure(result.cleanDice()), figure(result.adversarialDice()), figure(result.diceDrop()),
                figure(result.cleanIou()), figure(result.adversarialIou()), figure(result.iouDrop()),
                result.maxLinf(), result.meanL2(), result.meanPsnr());
    }

    private static String textSummary(RobustnessResult result, String provenance) {
        StringBuilder text = new StringBuilder(description(result).replace("**", "")).append("\n\nWorst samples:\n");
        for (SampleResult sample : result.worstSamples(5)) {
            text.append(String.format(Locale.ROOT, "  %s  Dice %.3f -> %.3f%n", sample.imageName(), sample.cleanDice(),
                    sample.adversarialDice()));
        }
        result.sequentialRecord().ifPresent(record -> text.append('\n').append(sequentialText(record)));
        if (provenance != null) {
            text.append('\n').append(provenance).append('\n');
        }
        return text.toString();
    }

    /**
     * A sequential evaluation's part of the text summary: how many images it attacked of how many and at which α, the
     * console's headline, and per limit its decision, when it was made and the bounds at stopping, so the text alone
     * says why the figures above are a subset's.
     */
    static String sequentialText(SequentialRecord record) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Sequential: %d of %d images attacked%s, α %s split %s (%s per limit)%n  %s%n", record.imagesAttacked(),
                record.imagesTotal(), record.exhausted() ? " (every image)" : "", SequentialVerdict.alpha(record.alpha()),
                record.alphaSplit(), SequentialVerdict.alpha(record.limits().get(0).alpha()),
                SequentialVerdict.headline(record)));
        for (SequentialRecord.LimitDecision d : record.limits()) {
            String when = d.exact() ? "exactly, on all " + record.imagesTotal() + " images"
                    : d.decision() == Decision.UNDECIDED ? "after " + record.imagesAttacked() + " images"
                    : "after " + d.decidedAfter() + " images";
            text.append(String.format(Locale.ROOT, "  %s %s %.3f: %s %s, bounds %.3f–%.3f, mean %.3f (%s)%n", d.name(),
                    SequentialVerdict.relation(d), d.limit(), d.decision(), when, d.lower(), d.upper(), d.mean(),
                    "bounds on " + SequentialVerdict.boundsOn(d)));
        }
        return text.toString();
    }

    private static String figure(Summary summary) {
        return String.format(Locale.ROOT, "%.3f (95%% CI %.3f–%.3f)", summary.mean(), summary.ciLow(), summary.ciHigh());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
