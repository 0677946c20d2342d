package io.robustgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad input to the commands, run in-process (nothing here loads a model): each ends in its
 * documented exit code with a message naming the file and the field, never a stack trace.
 */
class CliBadInputTest {

    @TempDir
    Path folder;

    record Run(int exit, String err) {}

    private Run cli(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = RobustGateCli.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, err.toString());
    }

    private Path config(String yaml) throws IOException {
        Path file = folder.resolve("robustgate.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** One FGSM result over two samples whose attacked Dice summary has the mean {@code mean}, as evaluate writes it. */
    private Path results(String schemaVersion, String adversarialDice) throws IOException {
        Path file = folder.resolve("robustgate-results/evaluate.json");
        Files.createDirectories(file.getParent());
        String summary = "{\"mean\": 0.8, \"std\": 0.1, \"ciLow\": 0.7, \"ciHigh\": 0.9, \"n\": 2}";
        String drop = "{\"mean\": 0.05, \"std\": 0.01, \"ciLow\": 0.04, \"ciHigh\": 0.06, \"n\": 2}";
        String sample = "{\"sampleId\": \"a|b|p1\", \"imageName\": \"a\", \"cleanDice\": 0.85, \"cleanIou\": 0.74,"
                + " \"adversarialDice\": 0.8, \"adversarialIou\": 0.67, \"linf\": 0.0039, \"l2\": 0.5, \"psnr\": 48.0}";
        Files.writeString(file, """
                {"schemaVersion": %s, "tool": "robustgate", "source": "cli:evaluate", "results": [{
                  "attack": {"name": "FGSM", "eps": 0.003921569, "options": {"loss": "BCE", "space": "PIXEL"}},
                  "cleanDice": %s, "cleanIou": %s, %s "adversarialIou": %s, "diceDrop": %s, "iouDrop": %s,
                  "maxLinf": 0.0039, "meanL2": 0.5, "meanPsnr": 48.0,
                  "samples": [%s, %s]}]}
                """.formatted(schemaVersion, summary, summary, adversarialDice, summary, drop, drop, sample, sample));
        return file;
    }

    private static final String RULES = """
            rules: [{attack: FGSM, eps: 1/255, limits: [{metric: DICE, minimum: 0.5}]}]
            """;

    @Test
    void aPlausibleFilePassesSoTheRefusalsBelowAreTheFiguresFault() throws IOException {
        Path yaml = config(RULES);
        results("3", "\"adversarialDice\": {\"mean\": 0.8, \"std\": 0.1, \"ciLow\": 0.7, \"ciHigh\": 0.9, \"n\": 2},");
        Run run = cli("check", "-c", yaml.toString());
        assertEquals(ExitCode.PASSED, run.exit(), run.err());
    }

    @Test
    void aLimitByNameGatesInARuleAndOnTheAttackItself() throws IOException {
        String plausible = "\"adversarialDice\": {\"mean\": 0.8, \"std\": 0.1, \"ciLow\": 0.7, \"ciHigh\": 0.9, \"n\": 2},";
        for (String yaml : new String[] {"rules: [{attack: FGSM, eps: 1/255, limits: {maxDiceDrop: 0.01}}]\n",
                "attacks: [{type: FGSM, eps: 1/255, limits: {maxDiceDrop: 0.01}}]\n"}) {
            Path file = config(yaml);
            results("3", plausible);
            StringWriter out = new StringWriter();
            CommandLine commandLine = RobustGateCli.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            StringWriter err = new StringWriter();
            commandLine.setErr(new PrintWriter(err, true));
            int exit = commandLine.execute("check", "-c", file.toString());
            assertEquals(ExitCode.GATE_FAILED, exit, yaml + out + err);
            assertEquals(java.util.List.of(io.robustgate.gate.Limit.maximum(io.robustgate.gate.GateMetric.DICE_DROP, 0.01)),
                    ConfigFile.read(file).rules().get(0).limits(), yaml);
        }
        Run unknown = cli("check", "-c", config("rules: [{attack: FGSM, limits: {maxAccuracy: 0.1}}]\n").toString());
        assertEquals(ExitCode.BAD_CONFIGURATION, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("rules[0].limits.maxAccuracy: 'maxAccuracy' is not a limit: use one of minDice, maxDice,"),
                unknown.err());
    }

    @Test
    void checkRefusesAMeanDiceOfSevenAndAHalf() throws IOException {
        Path yaml = config(RULES);
        Path file = results("3", "\"adversarialDice\": {\"mean\": 7.5, \"std\": 0.1, \"ciLow\": 0.7, \"ciHigh\": 0.9, \"n\": 2},");
        Run run = cli("check", "-c", yaml.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exit(), run.err());
        assertTrue(run.err().contains("Bad input: " + file + ": results[0].adversarialDice.mean is 7.5, but a Dice lies in [0,1]"),
                run.err());
    }

    @Test
    void checkAndReportRefuseAnUnknownSchemaVersion() throws IOException {
        Path yaml = config(RULES);
        Path file = results("99", "\"adversarialDice\": {\"mean\": 0.8, \"std\": 0.1, \"ciLow\": 0.7, \"ciHigh\": 0.9, \"n\": 2},");
        for (String command : new String[] {"check", "report"}) {
            Run run = cli(command, "-c", yaml.toString());
            assertEquals(ExitCode.BAD_INPUT, run.exit(), command + ": " + run.err());
            assertTrue(run.err().contains(file + ": schemaVersion 99 is not one this RobustGate reads"), run.err());
        }
    }

    @Test
    void aResultWithoutAdversarialDiceExitsThreeNotFourWithAStackTrace() throws IOException {
        Path yaml = config(RULES);
        Path file = results("3", "");
        Run run = cli("check", "-c", yaml.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exit(), run.err());
        assertTrue(run.err().contains(file + ": results[0].adversarialDice is missing"), run.err());
        assertFalse(run.err().contains("NullPointerException") || run.err().contains("\tat "), run.err());
    }

    private static final Path GOLDEN = Path.of("../framework/core/src/test/resources/golden").toAbsolutePath().normalize();

    @Test
    void aBadShardIsAUsageErrorNamingTheOption() throws IOException {
        Path yaml = config("attacks: [{type: FGSM, eps: 1/255}]\n");
        Run run = cli("evaluate", "-c", yaml.toString(), "--shard", "5/3");
        assertEquals(ExitCode.BAD_CONFIGURATION, run.exit(), run.err());
        assertTrue(run.err().contains("--shard=5/3: shard 5/3 does not exist: write K/N with 1 <= K <= N"), run.err());
        assertFalse(run.err().contains("robustgate.shard"), "the Maven property is the plugin's word: " + run.err());
        Run text = cli("evaluate", "-c", yaml.toString(), "--shard", "two");
        assertEquals(ExitCode.BAD_CONFIGURATION, text.exit(), text.err());
        assertTrue(text.err().contains("--shard=two is not a shard: write K/N (1-based), e.g. 2/3"), text.err());
    }

    @Test
    void aModelPathThatIsAFileIsCalledAFile() throws IOException {
        Path moduleFile = GOLDEN.resolve("fixture-bundle/model.pt");
        assertTrue(Files.isRegularFile(moduleFile), moduleFile + " is the fixture's TorchScript file");
        Path yaml = config("model: " + moduleFile + "\ndataset: " + GOLDEN.resolve("heldout")
                + "\nattacks: [{type: FGSM, eps: 1/255}]\n");
        Run run = cli("evaluate", "-c", yaml.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exit(), run.err());
        assertTrue(run.err().contains("Bad input: model: model bundle directory " + moduleFile
                + " is a file, not a directory: name the folder that holds robustgate-model.json"), run.err());
    }

    @Test
    void theSameAttackTwiceIsRefusedNamingBothEntries() throws IOException {
        Path yaml = config("""
                attacks:
                  - {type: PGD, eps: 2/255}
                  - {type: FGSM, eps: 1/255}
                  - {type: PGD, eps: [1/255, 2/255], steps: 40}
                """);
        Run run = cli("evaluate", "-c", yaml.toString());
        assertEquals(ExitCode.BAD_CONFIGURATION, run.exit(), run.err());
        assertTrue(run.err().contains(yaml + ": attacks[2] repeats attacks[0]: both are PGD eps=2/255 steps=40, which"
                + " would run twice and write two identical results"), run.err());
    }

    /** Evaluate in this JVM: a universal perturbation is written beside the results, as the plugin writes it. */
    @Test
    void evaluateWritesTheFittedUniversalPerturbationAndTheBatchItRan() throws IOException {
        Path yaml = config("""
                model: %1$s/fixture-bundle
                dataset: %1$s/heldout
                device: cpu
                batchSize: 100000
                torchThreads: 999
                attacks:
                  - {type: UNIVERSAL, eps: 2/255, options: {epochs: 1}}
                  - {type: FGSM, eps: 1/255}
                """.formatted(GOLDEN));
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        io.robustgate.results.ResultsDocument document = Evaluation.run(ConfigFile.read(yaml),
                new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        String out = printed.toString(java.nio.charset.StandardCharsets.UTF_8);

        Path delta = folder.resolve("robustgate-results/evaluate.0" + io.robustgate.results.PerturbationFile.SUFFIX);
        assertTrue(Files.isRegularFile(delta), out);
        assertEquals(document.results().get(0).fit().perturbation().delta().length,
                io.robustgate.results.PerturbationFile.read(delta).delta().length);
        assertFalse(Files.exists(folder.resolve("robustgate-results/evaluate.1" + io.robustgate.results.PerturbationFile.SUFFIX)),
                "FGSM fits nothing");
        int evaluated = document.results().get(1).samples().size();
        assertEquals(evaluated, document.results().get(1).timings().batchSize(), "the batch that ran is recorded");
        assertTrue(out.contains("Warning: torchThreads 999 "), out);
        assertTrue(out.contains("Warning: batchSize: batch size 100000 is more than the " + evaluated + " sample(s)"), out);
    }
}
