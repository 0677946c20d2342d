package io.robustgate.maven;

import static io.robustgate.maven.RuleConfigurationTest.limit;
import static io.robustgate.maven.RuleConfigurationTest.rule;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

    @TempDir
    Path results;

    private final RecordingLog log = new RecordingLog();
    private final CheckMojo mojo = new CheckMojo();

    @BeforeEach
    void recordedResults() {
        // As a build leaves them: evaluate's file at the top, the JUnit extension's in junit/.
        ResultsFile.write(results.resolve("evaluate.json"), ResultsDocument.of("maven:evaluate",
                List.of(RecordedResults.uniform(AttackSpec.fgsm(1 / 255f), 8, 0.90, 0.86))));
        ResultsFile.write(results.resolve("junit").resolve("HeadTest.json"), ResultsDocument.of("junit:HeadTest#pgd",
                List.of(RecordedResults.uniform(AttackSpec.pgd(2 / 255f), 8, 0.90, 0.61))));
        mojo.resultsDirectory = results.toFile();
        mojo.gateOn = "MEAN";
        mojo.haltOnFailure = true;
        mojo.setLog(log);
    }

    @Test
    void passingRulesLogWhatTheyMeasured() {
        mojo.rules = List.of(rule("FGSM", "1/255", limit("DICE", "0.80", null), limit("DICE_DROP", null, "0.10")));

        assertDoesNotThrow(mojo::execute);

        assertTrue(log.has("INFO", "Checking 2 robustness result(s) from 2 file(s)"), log.lines.toString());
        assertTrue(log.has("INFO", "Rule FGSM eps=1/255 passed: FGSM eps=1/255: Dice 0.860 ≥ minDice 0.800"), log.lines.toString());
        assertTrue(log.has("INFO", "All robustness checks have been met."));
        assertEquals(0, log.count("WARNING"));
    }

    @Test
    void violationsAreLoggedWithTheirNumbersThenTheBuildFails() {
        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE", "0.80", null)), rule("FGSM", "8/255", limit("IOU", "0.5", null)));

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("Robustness checks have not been met. See log for details.", e.getMessage());
        assertTrue(log.has("WARNING", "Rule PGD eps=2/255 violated: PGD eps=2/255 steps=40: Dice 0.610 < minDice 0.800 (clean 0.900, drop 0.290"),
                log.lines.toString());
        assertTrue(log.has("WARNING", "Rule FGSM eps=8/255 matched no result: results exist only for FGSM eps=1/255, PGD eps=2/255"),
                log.lines.toString());
    }

    @Test
    void aRuleOnHd95GatesWithANamedViolation() {
        // HD95 is a registered metric: the rule names it like any other, with no plugin code of its own.
        ResultsFile.write(results.resolve("evaluate.json"), ResultsDocument.of("maven:evaluate",
                List.of(RecordedResults.withHd95(AttackSpec.fgsm(1 / 255f), 8, 3.0, 7.5))));
        mojo.rules = List.of(rule("FGSM", "1/255", limit("HD95", null, "5")));

        assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(log.has("WARNING", "Rule FGSM eps=1/255 violated: FGSM eps=1/255: HD95 7.500 > maxHd95 5.000 (clean 3.000, "
                + "increase 4.500"), log.lines.toString());

        mojo.rules = List.of(rule("FGSM", "1/255", limit("HD95_INCREASE", null, "5"), limit("NSD", "0.4", null)));
        assertDoesNotThrow(mojo::execute);
        assertTrue(log.has("INFO", "HD95 increase 4.500 ≤ maxHd95Increase 5.000"), log.lines.toString());
    }

    @Test
    void withoutHaltOnFailureViolationsOnlyWarn() {
        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE", "0.80", null)));
        mojo.haltOnFailure = false;

        assertDoesNotThrow(mojo::execute);

        assertTrue(log.has("WARNING", "Rule PGD eps=2/255 violated"));
        assertTrue(log.has("WARNING", "Robustness checks have not been met. See log for details. (haltOnFailure=false"));
    }

    @Test
    void confidenceBoundIsChosenWithGateOn() {
        mojo.rules = List.of(rule("FGSM", "1/255", limit("DICE", "0.80", null)));
        mojo.gateOn = "confidence_bound";

        assertDoesNotThrow(mojo::execute);

        assertTrue(log.has("INFO", "Dice (95% CI bound) 0.860 ≥ minDice 0.800"), log.lines.toString());
    }

    @Test
    void anAttacksLimitsByNameGateItsResultsWithoutARule() {
        mojo.rules = null;
        AttackConfiguration pgd = new AttackConfiguration();
        pgd.setType("PGD");
        pgd.setEps("2/255");
        pgd.setLimits(java.util.Map.of("maxDiceDrop", "0.05"));
        mojo.attacks = List.of(pgd);

        assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(log.has("WARNING", "Rule PGD eps=2/255 violated: PGD eps=2/255 steps=40: Dice drop 0.290 > maxDiceDrop 0.050"),
                log.lines.toString());
    }

    @Test
    void configurationErrorsNameTheParameter() {
        mojo.rules = null;
        assertTrue(assertThrows(MojoExecutionException.class, mojo::execute).getMessage()
                .startsWith("rules: robustgate:check needs at least one <rule>"));

        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE", "0.8", null)));
        mojo.gateOn = "MEDIAN";
        assertEquals("gateOn: 'MEDIAN' is unknown: use one of MEAN, CONFIDENCE_BOUND",
                assertThrows(MojoExecutionException.class, mojo::execute).getMessage());

        mojo.gateOn = "MEAN";
        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE_RATIO", "0.8", null)));
        assertTrue(assertThrows(MojoExecutionException.class, mojo::execute).getMessage()
                .startsWith("rules[0].limits[0].metric: 'DICE_RATIO' is unknown"));
    }

    @Test
    void unreadableResultsFileIsNamed() throws Exception {
        Path broken = results.resolve("junit").resolve("Broken.json");
        Files.writeString(broken, "{ not json");
        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE", "0.8", null)));

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith(broken + ": not a RobustGate results file"), e.getMessage());
    }

    @Test
    void noResultsAtAllFailsEveryRule() throws Exception {
        mojo.resultsDirectory = results.resolve("nothing-here").toFile();
        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE", "0.8", null)));

        assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(log.has("WARNING", "Rule PGD eps=2/255 matched no result: there are no results at all"));
    }

    @Test
    void skipDoesNothing() {
        mojo.skip = true;
        mojo.rules = null;

        assertDoesNotThrow(mojo::execute);
        assertFalse(log.has("INFO", "Checking"));
    }

    @Test
    void skippedTestsSkipTheCheckWithOneWarning() {
        mojo.skipTests = true;
        mojo.rules = List.of(rule("PGD", "8/255", limit("DICE", "0.8", null)));

        assertDoesNotThrow(mojo::execute);

        assertEquals(List.of("[WARNING] Skipping robustgate:check because property skipTests is set: no robustness"
                + " results are computed or gated in this build"), log.lines);
    }

    @Test
    void resultsFromAnEarlierBuildDoNotPassAGate() throws Exception {
        // The PGD results file is yesterday's (its test was deleted since); the FGSM one is this build's.
        Path old = results.resolve("junit").resolve("HeadTest.json");
        Instant start = Instant.now();
        Files.setLastModifiedTime(old, FileTime.from(start.minus(Duration.ofDays(1))));
        mojo.buildStart = start.minus(Duration.ofSeconds(30));
        Files.setLastModifiedTime(results.resolve("evaluate.json"), FileTime.from(start));
        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE", "0.50", null)), rule("FGSM", "1/255", limit("DICE", "0.80", null)));

        assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(log.has("WARNING", "Ignoring 1 stale results file(s) under " + results.toAbsolutePath().normalize()), log.lines.toString());
        assertTrue(log.has("WARNING", "junit/HeadTest.json"), log.lines.toString());
        assertTrue(log.has("INFO", "Checking 1 robustness result(s) from 1 file(s)"), log.lines.toString());
        assertTrue(log.has("ERROR", "Rule PGD eps=2/255 has missing results: nothing in this build produced them (stale file "
                + old.toAbsolutePath().normalize() + " from an earlier build"), log.lines.toString());
        assertTrue(log.has("INFO", "Rule FGSM eps=1/255 passed"), log.lines.toString());
    }

    /** Two CI jobs' shards of one FGSM run, each with half of the eight samples. */
    private Path[] writeShards() {
        io.robustgate.evaluation.RobustnessResult whole = RecordedResults.uniform(AttackSpec.fgsm(1 / 255f), 8, 0.90, 0.86);
        List<String> ids = whole.samples().stream().map(io.robustgate.evaluation.SampleResult::sampleId).toList();
        io.robustgate.evaluation.Provenance provenance = new io.robustgate.evaluation.Provenance("0.1.0", "model.pt",
                "a".repeat(64), "b".repeat(64), 8);
        Path[] files = new Path[2];
        for (int k = 1; k <= 2; k++) {
            List<io.robustgate.evaluation.SampleResult> half = whole.samples().subList(4 * (k - 1), 4 * k);
            io.robustgate.evaluation.RobustnessResult part = whole.withSamples(half,
                    io.robustgate.evaluation.SampleAggregates.of(half, 1), List.of(), whole.timings());
            files[k - 1] = results.resolve("shards/shard-" + k + "/evaluate.json");
            ResultsFile.write(files[k - 1], ResultsDocument.of("maven:evaluate", List.of(part)).withProvenance(provenance,
                    new io.robustgate.evaluation.ShardLayout(k, 2, 4, 1, ids)));
        }
        mojo.resultsDirectory = results.resolve("shards").toFile();
        return files;
    }

    @Test
    void shardsInTheResultsFolderAreCheckedAsOneRun() {
        writeShards();
        mojo.rules = List.of(rule("FGSM", "1/255", limit("DICE", "0.80", null)));

        assertDoesNotThrow(mojo::execute);

        assertTrue(log.has("INFO", "Checking 1 robustness result(s) from 1 file(s)"), log.lines.toString());
        assertTrue(log.has("INFO", "Rule FGSM eps=1/255 passed: FGSM eps=1/255: Dice 0.860 ≥ minDice 0.800"), log.lines.toString());
    }

    @Test
    void aShardOlderThanTheBuildIsNamedWithTheSettingThatAcceptsIt() throws Exception {
        Path[] shards = writeShards();
        Instant start = Instant.now();
        Files.setLastModifiedTime(shards[1], FileTime.from(start.minus(Duration.ofDays(1))));
        Files.setLastModifiedTime(shards[0], FileTime.from(start));
        mojo.buildStart = start.minus(Duration.ofSeconds(30));
        mojo.rules = List.of(rule("FGSM", "1/255", limit("DICE", "0.80", null)));

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("shard 2/2 of run maven:evaluate (FGSM eps=1/255) is missing: found only "
                + shards[0].toAbsolutePath().normalize() + " (1/2) (not read, as older than this build: "
                + shards[1].toAbsolutePath().normalize() + "; set acceptEarlierResults"), e.getMessage());
    }

    @Test
    void acceptEarlierResultsUsesOldFilesToo() throws Exception {
        Files.setLastModifiedTime(results.resolve("junit").resolve("HeadTest.json"), FileTime.from(Instant.EPOCH));
        mojo.buildStart = Instant.now();
        mojo.acceptEarlierResults = true;
        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE", "0.50", null)));

        assertDoesNotThrow(mojo::execute);

        assertFalse(log.has("WARNING", "stale"), log.lines.toString());
    }

    @Test
    void impossibleFiguresFailTheGoalNamingTheFileAndTheFieldNotANullPointer() throws Exception {
        Path file = results.resolve("junit").resolve("HeadTest.json");
        String json = Files.readString(file);
        // The first result's attacked Dice summary loses its mean: a hand-edited or truncated file.
        String edited = json.replaceFirst("(\"adversarialDice\" : \\{\\s*)\"mean\" : [0-9.]+,", "$1");
        assertTrue(!edited.equals(json), "the edit applies to " + json);
        Files.writeString(file, edited);
        mojo.rules = List.of(rule("PGD", "2/255", limit("DICE", "0.50", null)));

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals(file + ": results[0].adversarialDice.mean is missing", e.getMessage());
    }
}
