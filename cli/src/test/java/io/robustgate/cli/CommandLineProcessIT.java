package io.robustgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged jar as a user's CI does, {@code java -jar robustgate-cli-<version>.jar …} in a
 * separate process, and checks what a script sees: the exit code and the messages. The model and
 * held-out set are core's golden fixture (6 samples), referenced by a path relative to each
 * configuration file, which lives in its own folder under {@code target/cli-it/}.
 */
class CommandLineProcessIT {

    /** From a config in cli/target/cli-it/<case>/ up to the repository root. */
    private static final String GOLDEN = "../../../../framework/core/src/test/resources/golden";

    private static Path jar;
    private static Path cases;

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void locateJar() throws IOException {
        jar = Path.of(System.getProperty("robustgate.cli.jar", "target/robustgate-cli.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the packaged CLI jar is missing: " + jar);
        cases = Path.of("target", "cli-it").toAbsolutePath();
        Files.createDirectories(cases);
    }

    @Test
    void passingGateFromYamlExitsZeroThroughEvaluateCheckAndReport() throws Exception {
        Path config = write("pass-yaml", "robustgate.yaml", """
                # FGSM at 1/255 barely moves the fixture's Dice; the rule holds.
                model: %1$s/fixture-bundle
                dataset: %1$s/heldout
                split: test
                prompt: p1
                device: cpu
                batchSize: 6
                attacks:
                  - type: FGSM
                    eps: [1/255, 2/255]
                rules:
                  - attack: FGSM
                    eps: 1/255
                    limits:
                      - {metric: DICE, minimum: 0.50}
                      - {metric: DICE_DROP, maximum: 0.15}
                """.formatted(GOLDEN));

        Run evaluate = cli(config.getParent(), "evaluate", "-c", "robustgate.yaml");
        assertEquals(ExitCode.PASSED, evaluate.exit(), evaluate.all());
        if (System.getProperty("os.name").startsWith("Linux")) {
            // Started without GLIBC_TUNABLES (below): the CLI gives robustgate:evaluate's allocator advice.
            assertTrue(evaluate.out().contains("Before java -jar: export GLIBC_TUNABLES="), evaluate.out());
        }
        Path results = config.resolveSibling("robustgate-results/evaluate.json");
        assertTrue(Files.readString(results).contains("\"source\" : \"cli:evaluate\""), "results JSON from the CLI");

        Path summary = config.resolveSibling("step-summary.md");
        Run check = cli(config.getParent(), "check", "-c", "robustgate.yaml", "--github-summary", summary.toString());
        assertEquals(ExitCode.PASSED, check.exit(), check.all());
        assertTrue(check.out().contains("Rule FGSM eps=1/255 passed: "), check.out());
        assertTrue(check.out().contains("RobustGate PASSED: 1 of 1 rule(s) passed, 0 violation(s), 2 result(s) from 1 file(s)"), check.out());
        assertTrue(Files.readString(summary).contains("| FGSM | 1/255 |"), "Markdown summary appended for the CI page");

        Run report = cli(config.getParent(), "report", "-c", "robustgate.yaml");
        assertEquals(ExitCode.PASSED, report.exit(), report.all());
        assertTrue(Files.readString(config.resolveSibling("robustgate-report/robustness-summary.md")).contains("- **FGSM eps=1/255**: passed"));
        assertTrue(Files.isRegularFile(config.resolveSibling("robustgate-report/robustness-summary.json")));
        String dashboard = Files.readString(config.resolveSibling("robustgate-report/robustness.html"));
        assertTrue(dashboard.contains("Release gate PASSED: 1 of 1 gates met"), "the dashboard's banner");
        assertTrue(dashboard.contains("class=\"worst\""), "evaluate kept its worst samples' pictures for the dashboard");
        assertTrue(report.out().contains("Robustness dashboard: "), report.out());
    }

    /**
     * Two GitLab {@code parallel:} jobs (CI_NODE_INDEX/CI_NODE_TOTAL) evaluate a shard each; check over
     * the folder of their results prints exactly the unsharded run's figures, and with one shard
     * missing exits 3 naming the file it found.
     */
    @Test
    void gitLabParallelShardsMergeIntoTheUnshardedFigures() throws Exception {
        Path config = write("shards", "robustgate.yaml", """
                model: %1$s/fixture-bundle
                dataset: %1$s/heldout
                device: cpu
                batchSize: 2
                attacks:
                  - type: PGD
                    eps: 2/255
                    steps: 2
                rules:
                  - attack: PGD
                    eps: 2/255
                    limits:
                      - {metric: DICE, minimum: 0.05}
                """.formatted(GOLDEN));
        Path folder = config.getParent();
        Path results = folder.resolve("robustgate-results/evaluate.json");
        for (int k = 1; k <= 2; k++) {
            Run shard = cli(folder, Map.of("CI_NODE_INDEX", Integer.toString(k), "CI_NODE_TOTAL", "2"),
                    "evaluate", "-c", "robustgate.yaml");
            assertEquals(ExitCode.PASSED, shard.exit(), shard.all());
            assertTrue(shard.out().contains("samples of 6: shard " + k + "/2"), shard.out());
            Path artifact = folder.resolve("artifacts/shard-" + k + "/evaluate.json");
            Files.createDirectories(artifact.getParent());
            Files.move(results, artifact, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Run whole = cli(folder, "run", "-c", "robustgate.yaml");
        assertEquals(ExitCode.PASSED, whole.exit(), whole.all());

        Run merged = cli(folder, "check", "-c", "robustgate.yaml", "--results", "artifacts");
        assertEquals(ExitCode.PASSED, merged.exit(), merged.all());
        String passed = whole.out().lines().filter(l -> l.startsWith("Rule PGD eps=2/255 passed: ")).findFirst().orElseThrow();
        assertTrue(merged.out().contains(passed), "merged: " + merged.out() + "\nunsharded: " + passed);
        assertTrue(merged.out().contains("1 result(s) from 1 file(s)"), merged.out());

        Run missing = cli(folder, "check", "-c", "robustgate.yaml", "--results", "artifacts/shard-1");
        assertEquals(ExitCode.BAD_INPUT, missing.exit(), missing.all());
        assertTrue(missing.err().contains("shard 2/2 of run cli:evaluate (PGD eps=2/255 steps=2) is missing: found only "
                + Path.of("artifacts/shard-1/evaluate.json") + " (1/2)"), missing.err());
    }

    /**
     * An evaluate process killed (SIGKILL) after its first finished batch, started again with the
     * same checkpoint folder, resumes there and writes the results of an uninterrupted run.
     */
    @Test
    void aKilledEvaluationResumesFromItsCheckpointToTheUninterruptedResults() throws Exception {
        Path config = write("resume", "robustgate.yaml", """
                model: %1$s/fixture-bundle
                dataset: %1$s/heldout
                device: cpu
                batchSize: 1
                resultsFile: results/evaluate.json
                attacks:
                  - type: PGD
                    eps: 2/255
                    steps: 100
                """.formatted(GOLDEN));
        Path folder = config.getParent();
        Path checkpoints = folder.resolve("checkpoints");
        if (Files.isDirectory(checkpoints)) { // an earlier build's, finished: it would leave nothing to kill
            try (java.util.stream.Stream<Path> files = Files.list(checkpoints)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Process killed = start(folder, Map.of(), "evaluate", "-c", "robustgate.yaml", "--checkpoint-dir", "checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (finishedBatches(checkpoints) < 1 && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        killed.destroyForcibly().waitFor();
        assertTrue(finishedBatches(checkpoints) >= 1, "a batch was finished before the kill");

        Run resumed = cli(folder, "evaluate", "-c", "robustgate.yaml", "--checkpoint-dir", "checkpoints");
        assertEquals(ExitCode.PASSED, resumed.exit(), resumed.all());
        java.util.regex.Matcher done = java.util.regex.Pattern.compile("Resuming PGD eps=2/255 steps=100 from checkpoint .*: (\\d) sample\\(s\\) already done")
                .matcher(resumed.out());
        assertTrue(done.find(), resumed.out());
        int already = Integer.parseInt(done.group(1));
        assertTrue(already >= 1 && already < 6, "killed half-way: " + already + " of 6 samples done");
        String resumedSamples = io.robustgate.results.ResultsFile.toJson(
                io.robustgate.results.ResultsFile.read(folder.resolve("results/evaluate.json")).results().get(0).samples());

        Run uninterrupted = cli(folder, "evaluate", "-c", "robustgate.yaml");
        assertEquals(ExitCode.PASSED, uninterrupted.exit(), uninterrupted.all());
        assertEquals(io.robustgate.results.ResultsFile.toJson(io.robustgate.results.ResultsFile.read(
                folder.resolve("results/evaluate.json")).results().get(0).samples()), resumedSamples);
    }

    /** Batch lines in the checkpoint files under {@code folder} (the first line of each is its key). */
    private static long finishedBatches(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            long lines = 0;
            for (Path file : files.toList()) {
                lines += Files.readAllLines(file).stream().filter(l -> l.endsWith("]")).count();
            }
            return lines;
        }
    }

    @Test
    void failingGateFromJsonExitsOneNamingTheRuleAndItsNumbers() throws Exception {
        Path config = write("fail-json", "robustgate.json", """
                {"model": "%1$s/fixture-bundle", "dataset": "%1$s/heldout", "device": "cpu", "batchSize": 6,
                 "attacks": [{"type": "FGSM", "eps": "4/255"}],
                 "rules": [
                   {"attack": "FGSM", "eps": "4/255", "limits": [{"metric": "DICE", "minimum": 0.80}]},
                   {"attack": "PGD", "eps": "2/255", "limits": [{"metric": "DICE", "minimum": 0.30}]}
                 ]}
                """.formatted(GOLDEN));

        Run run = cli(config.getParent(), "run", "-c", "robustgate.json");

        assertEquals(ExitCode.GATE_FAILED, run.exit(), run.all());
        assertTrue(run.err().matches("(?s).*Rule FGSM eps=4/255 violated: FGSM eps=4/255: Dice 0\\.\\d{3} < minDice 0\\.800 \\(clean 0\\.\\d{3}.*"), run.err());
        assertTrue(run.err().contains("Rule PGD eps=2/255 matched no result"), run.err());
        assertTrue(run.err().contains("RobustGate FAILED: 0 of 2 rule(s) passed, 2 violation(s)"), run.err());
    }

    @Test
    void unknownAttackExitsTwoNamingFileAndEntry() throws Exception {
        Path config = write("bad-attack", "robustgate.yaml", """
                model: %1$s/fixture-bundle
                dataset: %1$s/heldout
                attacks:
                  - {type: FGSM, eps: 1/255}
                  - {type: FGSMX, eps: 1/255}
                rules:
                  - {attack: FGSM, limits: [{metric: DICE, minimum: 0.5}]}
                """.formatted(GOLDEN));

        Run run = cli(config.getParent(), "run", "-c", config.toString());

        assertEquals(ExitCode.BAD_CONFIGURATION, run.exit(), run.all());
        assertTrue(run.err().contains(config + ": attacks[1].type: unknown attack 'FGSMX': registered attacks are "), run.err());
    }

    @Test
    void unknownOptionExitsTwoWithTheAttacksOptions() throws Exception {
        Path config = write("bad-option", "robustgate.yaml", """
                model: %1$s/fixture-bundle
                dataset: %1$s/heldout
                attacks:
                  - type: PGD
                    eps: 2/255
                    options: {stepz: 5}
                """.formatted(GOLDEN));

        Run run = cli(config.getParent(), "evaluate", "-c", "robustgate.yaml");

        assertEquals(ExitCode.BAD_CONFIGURATION, run.exit(), run.all());
        assertTrue(run.err().contains("robustgate.yaml: attacks[0]: PGD: it has no option stepz: its options are "), run.err());
    }

    @Test
    void misspeltKeyExitsTwo() throws Exception {
        Path config = write("bad-key", "robustgate.yaml", """
                rules:
                  - attack: FGSM
                    limits: [{metric: DICE, minimun: 0.5}]
                """);

        Run run = cli(config.getParent(), "check", "-c", "robustgate.yaml");

        assertEquals(ExitCode.BAD_CONFIGURATION, run.exit(), run.all());
        assertTrue(run.err().contains("robustgate.yaml: rules[0].limits[0].minimun: unknown key; allowed here: maximum, metric, minimum"), run.err());
    }

    @Test
    void missingModelExitsThreeNamingTheFolder() throws Exception {
        Path config = write("no-model", "robustgate.yaml", """
                model: models/not-there
                dataset: %1$s/heldout
                attacks: [{type: FGSM, eps: 1/255}]
                """.formatted(GOLDEN));

        Run run = cli(config.getParent(), "evaluate", "-c", "robustgate.yaml");

        assertEquals(ExitCode.BAD_INPUT, run.exit(), run.all());
        assertTrue(run.err().contains("model: model bundle directory " + config.resolveSibling("models/not-there") + " does not exist"), run.err());
    }

    @Test
    void helpAndUsageErrors() throws Exception {
        Run help = cli(cases, "--help");
        assertEquals(0, help.exit(), help.all());
        assertTrue(help.out().contains("evaluate") && help.out().contains("check") && help.out().contains("report")
                && help.out().contains("Exit codes:"), help.out());

        Run checkHelp = cli(cases, "check", "--help");
        assertEquals(0, checkHelp.exit(), checkHelp.all());
        assertTrue(checkHelp.out().contains("--github-summary"), checkHelp.out());

        Run noConfig = cli(cases, "check");
        assertEquals(ExitCode.BAD_CONFIGURATION, noConfig.exit(), noConfig.all());
        assertTrue(noConfig.err().contains("Missing required option: '--config=FILE'"), noConfig.err());
    }

    private static Path write(String name, String file, String text) throws IOException {
        Path folder = cases.resolve(name);
        Files.createDirectories(folder);
        Path config = folder.resolve(file);
        Files.writeString(config, text);
        return config;
    }

    private static Run cli(Path workingDirectory, String... args) throws Exception {
        return cli(workingDirectory, Map.of(), args);
    }

    private static Run cli(Path workingDirectory, Map<String, String> environment, String... args) throws Exception {
        Path out = Files.createTempFile(cases, "out", ".txt");
        Path err = Files.createTempFile(cases, "err", ".txt");
        Process process = start(workingDirectory, environment, out, err, args);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("CLI did not finish in 180 s: " + List.of(args));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The CLI as a process of its own, its output discarded. */
    private static Process start(Path workingDirectory, Map<String, String> environment, String... args) throws Exception {
        return start(workingDirectory, environment, Files.createTempFile(cases, "out", ".txt"),
                Files.createTempFile(cases, "err", ".txt"), args);
    }

    private static Process start(Path workingDirectory, Map<String, String> environment, Path out, Path err,
            String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // One libtorch thread: fastest on a shared CI machine (see the parent POM).
                "-Dai.djl.pytorch.num_threads=" + System.getProperty("robustgate.torch.threads", "1"),
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // A CI runner's own summary file must not receive the test's tables.
        builder.environment().remove(StepSummary.GITHUB_VARIABLE);
        // Nor may a GitLab runner's parallel job numbers shard the test's runs.
        builder.environment().remove("CI_NODE_INDEX");
        builder.environment().remove("CI_NODE_TOTAL");
        builder.environment().putAll(environment);
        return builder.start();
    }
}
