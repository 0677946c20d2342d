package io.robustgate.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.robustgate.BuildVersions;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.results.ResultsDocument;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The three files Allure reads beside the test results to fill its overview: {@code
 * environment.properties} (what was tested, on what), {@code executor.json} (which build) and
 * {@code categories.json} (failures grouped by cause rather than listed one by one).
 */
final class AllureEnvironment {

    static final String GATE_VIOLATED = "robustness gate violated";
    static final String GRADIENT_MASKING = "gradient masking suspected";
    static final String BAD_INPUT = "bad input";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Allure gives a failure the first category whose patterns match (whole message, or whole trace).
     * Masking first: with {@code failOnAlarms} an alarm is also a gate violation, and the alarm is the cause.
     */
    static final List<Map<String, Object>> CATEGORIES = List.of(
            Map.of("name", GRADIENT_MASKING, "matchedStatuses", List.of("failed", "broken"),
                    "messageRegex", "(?s).*gradient masking suspected.*"),
            Map.of("name", GATE_VIOLATED, "matchedStatuses", List.of("failed"),
                    "messageRegex", "(?s).*(?:[<>] (?:min|max)(?:Dice|IoU)(?:Drop)?\\b|Rule .* (?:violated|matched no result)).*"),
            Map.of("name", BAD_INPUT, "matchedStatuses", List.of("broken", "failed"),
                    "traceRegex", "(?s).*(?:ModelBundleException|DataSetException|InputFileException"
                            + "|ExtensionConfigurationException|not a RobustGate results file).*"));

    private AllureEnvironment() {}

    /** Writes the three files into {@code results} (an Allure results folder). */
    static void write(Path results, List<ResultsDocument> documents, AllureExecutor executor, String reportName)
            throws IOException {
        Files.createDirectories(results);
        writeEnvironment(results.resolve("environment.properties"), environment(documents, BuildVersions.current()));
        JSON.writeValue(results.resolve("executor.json").toFile(), executor.json(reportName));
        JSON.writeValue(results.resolve("categories.json").toFile(), CATEGORIES);
    }

    /** Model, data set, device (every distinct value of this build's results) and the versions that made them. */
    static Map<String, String> environment(List<ResultsDocument> documents, BuildVersions versions) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<RobustnessResult> results = documents.stream().flatMap(d -> d.results().stream()).toList();
        environment.put("Model", distinct(results, RobustnessResult::model));
        environment.put("Data set", distinct(results, r -> r.dataset() + " (split " + r.split() + ", prompt " + r.prompt() + ")"));
        environment.put("Device", distinct(results, RobustnessResult::device));
        environment.put("RobustGate", versions.robustGate());
        environment.put("DJL", versions.djl());
        environment.put("libtorch", versions.libtorch());
        environment.put("Java", System.getProperty("java.version"));
        return environment;
    }

    private static String distinct(List<RobustnessResult> results, Function<RobustnessResult, String> field) {
        Set<String> values = new LinkedHashSet<>();
        results.forEach(r -> values.add(String.valueOf(field.apply(r))));
        return values.isEmpty() ? "none (no results)" : String.join(", ", values);
    }

    /**
     * Written by hand, without {@link java.util.Properties#store}'s date comment; non-ASCII as
     * {@code \\uXXXX}, which reads the same whether the file is read as Latin-1 or UTF-8.
     */
    private static void writeEnvironment(Path file, Map<String, String> environment) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            for (Map.Entry<String, String> entry : environment.entrySet()) {
                out.write(escape(entry.getKey(), true) + "=" + escape(entry.getValue(), false) + "\n");
            }
        }
    }

    private static String escape(String text, boolean key) {
        StringBuilder escaped = new StringBuilder();
        for (char c : String.valueOf(text).toCharArray()) {
            if (c > 126 || c < 32) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else if (c == '\\' || (key && (c == ' ' || c == '=' || c == ':'))) {
                escaped.append('\\').append(c);
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
