package io.robustgate.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.robustgate.attack.AttackOptionsText;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.CheckedResult;
import io.robustgate.gate.GateViolation;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.report.AnalysisAttachments;
import io.robustgate.report.ResultAttachmentList;
import io.robustgate.results.ResultsDocument;
import io.robustgate.report.ResultsTable;
import io.robustgate.report.RobustnessCurve;
import io.robustgate.report.SeverityCurve;
import io.robustgate.report.RobustnessDashboard;
import io.robustgate.report.WorstSamplePictures;
import io.robustgate.report.SummaryRow.Verdict;
import io.robustgate.report.SummaryTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the results {@code robustgate:evaluate} wrote into Allure result files, so they show up in
 * the same report as the JUnit tests (which Allure's own JUnit listener records). One test case
 * per attack and budget: its status is the gate's verdict ("unknown" where no rule gates it), its
 * parameters the attack settings, its steps the rule checks, its attachments the worst samples'
 * panels, the summary (HTML) and curve, and the per-sample table, and it links the dashboard.
 */
final class AllureResultsExport {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path resultsDirectory;
    private final List<RuleOutcome> outcomes;
    private final List<Path> pictureFolders;

    /** @param outcomes the rule outcomes over all results; empty when no rules are configured */
    AllureResultsExport(Path resultsDirectory, List<RuleOutcome> outcomes) {
        this(resultsDirectory, outcomes, List.of());
    }

    /**
     * @param pictureFolders where {@code evaluate} kept its worst samples' pictures (the RobustGate
     *     results folder), so that its test cases show the same panels as the JUnit ones
     */
    AllureResultsExport(Path resultsDirectory, List<RuleOutcome> outcomes, List<Path> pictureFolders) {
        this.resultsDirectory = resultsDirectory;
        this.outcomes = List.copyOf(outcomes);
        this.pictureFolders = List.copyOf(pictureFolders);
    }

    /** Documents from the plugin itself; the JUnit extension's results already reach Allure through its listener. */
    static boolean fromPlugin(ResultsDocument document) {
        return document.source() != null && document.source().startsWith("maven:");
    }

    /** Writes one Allure result per result of the document; returns how many. */
    int write(ResultsDocument document) throws IOException {
        Files.createDirectories(resultsDirectory);
        for (RobustnessResult result : document.results()) {
            write(document, result);
        }
        return document.results().size();
    }

    private void write(ResultsDocument document, RobustnessResult result) throws IOException {
        String identity = String.join("|", "robustgate", document.source(), result.model(), result.dataset(),
                result.prompt(), result.displayName(), AttackOptionsText.format(result.attack().options()));
        // Same identity, same file: a rerun replaces its earlier result instead of adding a retry.
        String uuid = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
        long stop = createdAtMillis(document);
        long start = stop - Math.round(result.timings() == null ? 0 : result.timings().attackSeconds() * 1000);

        ObjectNode allure = JSON.createObjectNode();
        allure.put("uuid", uuid);
        allure.put("historyId", uuid);
        allure.put("testCaseId", uuid);
        allure.put("name", result.displayName() + " on " + result.dataset());
        allure.put("fullName", "robustgate.evaluate." + result.model() + "." + result.dataset() + "." + result.displayName());
        Verdict verdict = SummaryTable.verdict(result, outcomes);
        String status = status(result, verdict);
        allure.put("status", status);
        if (!status.equals("passed")) {
            allure.putObject("statusDetails").put("message", statusMessage(result, verdict));
        }
        allure.put("stage", "finished");
        allure.put("description", ResultAttachmentList.description(result));
        allure.put("start", start);
        allure.put("stop", stop);
        ArrayNode labels = allure.putArray("labels");
        label(labels, "framework", "robustgate");
        label(labels, "parentSuite", "Adversarial robustness");
        label(labels, "suite", result.model());
        label(labels, "subSuite", result.dataset());
        label(labels, "feature", "Adversarial robustness");
        label(labels, "story", result.attack().name());
        label(labels, "tag", document.source());
        ArrayNode parameters = allure.putArray("parameters");
        result.attack().parameters().forEach((name, value) -> parameter(parameters, name, value));
        parameter(parameters, "alarms", ResultsTable.alarmCell(result));
        parameter(parameters, "model", result.model());
        parameter(parameters, "dataset", result.dataset());
        parameter(parameters, "prompt", result.prompt());
        parameter(parameters, "device", result.device());
        parameter(parameters, "samples", Integer.toString(result.samples().size()));
        ArrayNode steps = allure.putArray("steps");
        for (RuleOutcome outcome : outcomes) {
            for (CheckedResult checked : outcome.checked()) {
                if (checked.result() == result) {
                    for (String measurement : checked.measurements()) {
                        ObjectNode step = steps.addObject();
                        step.put("name", "Rule " + outcome.rule().displayName() + ": " + measurement);
                        step.put("status", checked.passed() ? "passed" : "failed");
                        step.put("stage", "finished");
                        step.put("start", start);
                        step.put("stop", stop);
                    }
                }
            }
        }
        ArrayNode links = allure.putArray("links");
        links.addObject().put("name", "robustness dashboard").put("url", RobustnessDashboard.FILE).put("type", "custom");
        ArrayNode attachments = allure.putArray("attachments");
        // The same attachments as a JUnit invocation's, from the pictures evaluate kept.
        Map<String, WorstSamplePictures.Pictures> pictures = WorstSamplePictures.read(pictureFolders, document.source(), result);
        for (AnalysisAttachments.Attachment attachment : ResultAttachmentList.of(result,
                ResultAttachmentList.storedPanels(result, pictures), sweep(document, result),
                "Source: " + document.source() + ", recorded " + document.createdAt())) {
            attach(attachments, uuid, attachment.name(), attachment.file(), attachment.mediaType(), attachment.content());
        }
        if (SeverityCurve.applies(result)) {
            // The result's place among the other severities and kinds of its attack, model and data.
            for (SeverityCurve curve : SeverityCurve.of(document.results())) {
                if (curve.title().equals(new SeverityCurve(List.of(result)).title())) {
                    attach(attachments, uuid, "severity curve: " + curve.title(), "severity-curve.png", "image/png", curve.png());
                }
            }
        }
        JSON.writeValue(resultsDirectory.resolve(uuid + "-result.json").toFile(), allure);
    }

    /** Failed by a rule; broken when the run produced no usable figure; otherwise passed. */
    private static String status(RobustnessResult result, Verdict verdict) {
        if (Double.isNaN(result.adversarialDice().mean()) || result.samples().isEmpty()) {
            return "broken";
        }
        // A budget no rule gates was measured, not passed: Allure's "unknown" keeps the overview
        // from showing it green.
        return switch (verdict) {
            case FAILED -> "failed";
            case PASSED -> "passed";
            case NOT_GATED -> "unknown";
        };
    }

    private String statusMessage(RobustnessResult result, Verdict verdict) {
        if (verdict == Verdict.FAILED) {
            return String.join("\n", outcomes.stream()
                    .flatMap(o -> o.violationsOf(result).stream()).map(GateViolation::message).toList());
        }
        if (verdict == Verdict.NOT_GATED && !result.samples().isEmpty() && !Double.isNaN(result.adversarialDice().mean())) {
            return "not gated: no rule sets a limit on " + result.displayName() + "; measured only ("
                    + ResultsTable.headline(result) + ")";
        }
        return "the attack produced no per-sample figures (empty held-out set or NaN scores)";
    }

    /** The curve of this result's attack over every budget {@code evaluate} ran it at, when there are two or more. */
    private static List<RobustnessCurve> sweep(ResultsDocument document, RobustnessResult result) {
        List<RobustnessResult> sweep = document.results().stream()
                .filter(r -> r.attack().withEps(0f).equals(result.attack().withEps(0f))
                        && java.util.Objects.equals(r.dataset(), result.dataset()))
                .toList();
        return sweep.stream().map(r -> r.attack().eps()).distinct().count() >= 2 ? List.of(new RobustnessCurve(sweep))
                : List.of();
    }

    private void attach(ArrayNode attachments, String uuid, String name, String suffix, String type, byte[] content)
            throws IOException {
        // Allure picks up attachment files by the "-attachment" in their names.
        String file = uuid + "-" + suffix.replace(".", "-attachment.");
        Files.write(resultsDirectory.resolve(file), content);
        ObjectNode attachment = attachments.addObject();
        attachment.put("name", name);
        attachment.put("source", file);
        attachment.put("type", type);
    }

    private static void label(ArrayNode labels, String name, String value) {
        labels.addObject().put("name", name).put("value", value);
    }

    private static void parameter(ArrayNode parameters, String name, String value) {
        parameters.addObject().put("name", name).put("value", value);
    }

    private static long createdAtMillis(ResultsDocument document) {
        try {
            return Instant.parse(document.createdAt()).toEpochMilli();
        } catch (DateTimeParseException | NullPointerException e) {
            return System.currentTimeMillis();
        }
    }
}
