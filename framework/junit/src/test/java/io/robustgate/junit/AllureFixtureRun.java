package io.robustgate.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs fixture classes through a launcher with Allure's JUnit listener writing to a folder, as a
 * user's build with allure-junit-platform would, and reads back the test results Allure wrote.
 */
final class AllureFixtureRun {

    private AllureFixtureRun() {
    }

    /** The {@code *-result.json} documents Allure wrote, one per invocation. */
    static List<JsonNode> run(Path allureResults, Path robustgateResults, Class<?>... fixtures) throws IOException {
        AllureLifecycle previous = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allureResults));
        Allure.setLifecycle(lifecycle);
        try {
            LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .build())
                    .execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(Arrays.stream(fixtures).map(f -> selectClass(f)).toList())
                            .configurationParameter(InvocationResultsFile.RESULTS_DIR, robustgateResults.toString())
                            .build(), new AllureJunitPlatform(lifecycle));
        } finally {
            Allure.setLifecycle(previous);
        }
        List<JsonNode> tests = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(allureResults)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                tests.add(json.readTree(file.toFile()));
            }
        }
        return tests;
    }
}
