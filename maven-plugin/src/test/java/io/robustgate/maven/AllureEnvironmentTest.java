package io.robustgate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RobustnessGate;
import io.robustgate.results.ResultsDocument;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureEnvironmentTest {

    @TempDir
    Path results;

    private final RobustnessResult pgd = RecordedResults.uniform(AttackSpec.pgd(2 / 255f), 4, 0.90, 0.60);

    @Test
    void environmentNamesModelDataDeviceAndVersions() throws Exception {
        AllureEnvironment.write(results, List.of(ResultsDocument.of("maven:evaluate", List.of(pgd))),
                AllureExecutor.local("sample", "2026-01-01T00:00:00Z"), "RobustGate: sample");

        Properties environment = new Properties();
        try (Reader in = Files.newBufferedReader(results.resolve("environment.properties"), StandardCharsets.ISO_8859_1)) {
            environment.load(in);
        }
        assertEquals("hc18-vlsm", environment.getProperty("Model"));
        assertEquals("hc18/test (split test, prompt p1)", environment.getProperty("Data set"));
        assertEquals("cpu()", environment.getProperty("Device"));
        assertEquals("0.33.0", environment.getProperty("DJL"));
        assertEquals("2.5.1", environment.getProperty("libtorch"));
        assertTrue(environment.getProperty("RobustGate").endsWith("-SNAPSHOT") || environment.getProperty("RobustGate").matches("\\d.*"));
        JsonNode executor = new ObjectMapper().readTree(results.resolve("executor.json").toFile());
        assertEquals("sample built 2026-01-01T00:00:00Z", executor.get("buildName").asText());
        assertEquals("RobustGate: sample", executor.get("reportName").asText());
    }

    @Test
    void executorComesFromTheCiVariables() {
        AllureExecutor github = AllureExecutor.fromEnvironment(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL",
                "https://github.com", "GITHUB_REPOSITORY", "acme/seg", "GITHUB_RUN_ID", "99", "GITHUB_RUN_NUMBER", "7",
                "GITHUB_WORKFLOW", "ci")).orElseThrow();
        assertEquals("ci #7", github.buildName());
        assertEquals("https://github.com/acme/seg/actions/runs/99", github.buildUrl());
        assertEquals(7L, github.json("r").get("buildOrder"));
        AllureExecutor gitlab = AllureExecutor.fromEnvironment(Map.of("GITLAB_CI", "true", "CI_PROJECT_NAME", "seg",
                "CI_PIPELINE_IID", "12", "CI_JOB_NAME", "verify", "CI_JOB_URL", "https://gitlab.com/acme/seg/-/jobs/5"))
                .orElseThrow();
        assertEquals("seg pipeline #12 (verify)", gitlab.buildName());
        assertEquals("https://gitlab.com/acme/seg/-/jobs/5", gitlab.buildUrl());
        AllureExecutor jenkins = AllureExecutor.fromEnvironment(Map.of("JENKINS_URL", "https://ci.acme/", "BUILD_NUMBER",
                "41", "JOB_NAME", "seg-release", "BUILD_URL", "https://ci.acme/job/seg-release/41/")).orElseThrow();
        assertEquals("seg-release #41", jenkins.buildName());
        assertEquals(Optional.empty(), AllureExecutor.fromEnvironment(Map.of("HOME", "/root")));
    }

    @Test
    void categoriesMatchTheMessagesRobustGateWrites() {
        String gate = new RobustnessGate(List.of(Limit.minimum(GateMetric.DICE, 0.80)), GateStatistic.MEAN)
                .check(pgd).get(0).message();
        assertEquals(AllureEnvironment.GATE_VIOLATED, category(gate, ""));
        assertEquals(AllureEnvironment.GATE_VIOLATED, category("Rule PGD eps=2/255 violated: " + gate, ""));
        assertEquals(AllureEnvironment.GRADIENT_MASKING,
                category("PGD eps=2/255 steps=40: gradient masking suspected: the loss did not rise on 3 samples", ""));
        assertEquals(AllureEnvironment.BAD_INPUT, category("model: no manifest.json",
                "io.robustgate.model.ModelBundleException: models/x: no manifest.json\n\tat ..."));
        assertEquals(null, category("expected: <1> but was: <2>", "org.opentest4j.AssertionFailedError"));
    }

    /** The first category whose patterns match, as Allure picks it. */
    private static String category(String message, String trace) {
        for (Map<String, Object> category : AllureEnvironment.CATEGORIES) {
            Object messageRegex = category.get("messageRegex");
            Object traceRegex = category.get("traceRegex");
            boolean matches = (messageRegex == null || Pattern.matches((String) messageRegex, message))
                    && (traceRegex == null || Pattern.matches((String) traceRegex, trace));
            if (matches) {
                return (String) category.get("name");
            }
        }
        assertFalse(message.isEmpty());
        return null;
    }
}
