package io.robustgate.report;

import io.robustgate.results.ResultsDocument;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.EpsFormat;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.RecordedGate;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.report.SummaryRow.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The one-glance table of a build's robustness: a row per recorded result (attack, eps, clean and
 * attacked Dice/IoU, drop, verdict) and a line per rule, as Markdown for people (a CI job summary,
 * a pull-request comment) and JSON for dashboards.
 */
public record SummaryTable(List<SummaryRow> rows, List<RuleLine> rules) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    /** A rule's verdict and the lines that justify it (violations, or the measured values when passed). */
    public record RuleLine(String rule, boolean passed, List<String> details) {}

    public SummaryTable {
        rows = List.copyOf(rows);
        rules = List.copyOf(rules);
    }

    /** Rows from every result of every document; verdicts from {@code outcomes} (empty: nothing gated). */
    public static SummaryTable of(List<ResultsDocument> documents, List<RuleOutcome> outcomes) {
        record Sourced(String source, RobustnessResult result, RecordedGate gate) {}
        List<Sourced> results = new ArrayList<>();
        for (ResultsDocument document : documents) {
            for (RobustnessResult result : document.results()) {
                results.add(new Sourced(document.source(), result, document.gate()));
            }
        }
        // Grouped the way a reader compares them: per model and data, per attack, budgets ascending.
        results.sort(Comparator.comparing((Sourced s) -> s.result().model(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(s -> s.result().dataset(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(s -> s.result().attack().label())
                .thenComparingDouble(s -> s.result().attack().eps()));
        List<SummaryRow> rows = results.stream()
                .map(s -> row(s.source(), s.result(), verdict(s.result(), outcomes, s.gate())))
                .toList();
        List<RuleLine> rules = outcomes.stream()
                .map(o -> new RuleLine(o.rule().displayName(), o.passed(), o.passed()
                        ? o.measurements()
                        : o.violations().stream().map(v -> v.message()).toList()))
                .toList();
        return new SummaryTable(rows, rules);
    }

    /** The verdict of the build-level rules alone. */
    public static Verdict verdict(RobustnessResult result, List<RuleOutcome> outcomes) {
        return verdict(result, outcomes, null);
    }

    /**
     * FAILED if any matching rule or the producer's own gate (an annotation's limits, recorded in
     * the results JSON) was violated by it, PASSED if a rule matched it or such a gate applies,
     * else NOT_GATED.
     */
    public static Verdict verdict(RobustnessResult result, List<RuleOutcome> outcomes, RecordedGate producerGate) {
        boolean gated = false;
        if (producerGate != null && producerGate.gates()) {
            if (!producerGate.toGate().check(result).isEmpty()) {
                return Verdict.FAILED;
            }
            gated = true;
        }
        for (RuleOutcome outcome : outcomes) {
            if (!outcome.violationsOf(result).isEmpty()) {
                return Verdict.FAILED;
            }
            gated |= outcome.matches(result);
        }
        return gated ? Verdict.PASSED : Verdict.NOT_GATED;
    }

    public boolean passed() {
        return rules.stream().allMatch(RuleLine::passed) && rows.stream().noneMatch(r -> r.verdict() == Verdict.FAILED);
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# Adversarial robustness summary\n\n");
        if (rows.isEmpty()) {
            md.append("No results were recorded.\n");
        } else {
            md.append("| Attack | eps | Model | Data | n | Clean Dice | Attacked Dice | Dice drop | Clean IoU | Attacked IoU | IoU drop | Gate | Source | Alarms |\n");
            md.append("|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|---|\n");
            for (SummaryRow row : rows) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %s | %s |%n",
                        cell(row.attack()), cell(row.eps()), cell(row.model()), cell(row.dataset()), row.samples(),
                        row.cleanDice(), row.adversarialDice(), row.diceDrop(), row.cleanIou(), row.adversarialIou(),
                        row.iouDrop(), row.verdict().label(), cell(row.source()), cell(row.alarms())));
            }
        }
        if (!rules.isEmpty()) {
            md.append("\n## Rules\n\n");
            for (RuleLine rule : rules) {
                md.append("- **").append(rule.rule()).append("**: ").append(rule.passed() ? "passed" : "FAILED").append('\n');
                for (String detail : rule.details()) {
                    md.append("  - ").append(detail).append('\n');
                }
            }
        }
        return md.toString();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary table as JSON", e);
        }
    }

    public void writeMarkdown(Path file) {
        write(file, toMarkdown());
    }

    public void writeJson(Path file) {
        write(file, toJson());
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary to " + file, e);
        }
    }

    private static SummaryRow row(String source, RobustnessResult result, Verdict verdict) {
        AttackSpec spec = result.attack();
        return new SummaryRow(source, result.model(), result.dataset(), spec.label(), EpsFormat.format(spec.eps()),
                result.adversarialDice().n(), result.cleanDice().mean(), result.adversarialDice().mean(),
                result.diceDrop().mean(), result.cleanIou().mean(), result.adversarialIou().mean(),
                result.iouDrop().mean(), verdict, ResultsTable.alarmCell(result));
    }

    /** A pipe inside a cell would split it. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|");
    }
}
