package io.robustgate.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackNames;
import io.robustgate.attack.MaskingAlarm;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.sequential.Decision;
import io.robustgate.junit.fixtures.AnalysesFixture;
import io.robustgate.junit.fixtures.BrokenModelFixture;
import io.robustgate.junit.fixtures.ComposedAnnotationFixture;
import io.robustgate.junit.fixtures.CorruptionFixture;
import io.robustgate.junit.fixtures.CustomAttackFixture;
import io.robustgate.junit.fixtures.NamedInvocationFixture;
import io.robustgate.junit.fixtures.UnknownPlaceholderFixture;
import io.robustgate.junit.fixtures.FailingGateFixture;
import io.robustgate.junit.fixtures.GateAndBodyFailFixture;
import io.robustgate.junit.fixtures.BoundaryLimitFixture;
import io.robustgate.junit.fixtures.GenericLimitFixture;
import io.robustgate.junit.fixtures.GoldenFixture;
import io.robustgate.junit.fixtures.MaskedModelFixture;
import io.robustgate.junit.fixtures.MissingDataFixture;
import io.robustgate.junit.fixtures.MisconfiguredAnalysesFixture;
import io.robustgate.junit.fixtures.MissingModelFixture;
import io.robustgate.junit.fixtures.NanModelFixture;
import io.robustgate.junit.fixtures.PassingGateFixture;
import io.robustgate.junit.fixtures.SameModelFirstFixture;
import io.robustgate.junit.fixtures.SameModelSecondFixture;
import io.robustgate.junit.fixtures.SampleLimitFixture;
import io.robustgate.junit.fixtures.SequentialGateFixture;
import io.robustgate.junit.fixtures.SeveralViolationsFixture;
import io.robustgate.junit.fixtures.SweepFixture;
import io.robustgate.junit.fixtures.TwoSpecsFixture;
import io.robustgate.junit.fixtures.UnconfiguredFixture;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/** Runs fixture classes through the Jupiter engine and checks what the extension made of them. */
class AdversarialRobustnessExtensionTest {

    /** The gate message of core's RobustnessGate, with every number it must carry. */
    private static final Pattern MIN_DICE_MESSAGE = Pattern.compile("FGSM eps=4/255: Dice (\\d\\.\\d{3}) < minDice 0\\.800 "
            + "\\(clean (\\d\\.\\d{3}), drop (\\d\\.\\d{3}); 95% CI (\\d\\.\\d{3})–(\\d\\.\\d{3}); worst: (\\S+\\.png) (\\d\\.\\d{3})\\)");

    @TempDir
    Path resultsDirectory;

    @Test
    void anAttackDefinedOnlyInTestSourcesRunsByNameWithItsOptions() {
        CustomAttackFixture.SEEN.clear();
        EngineExecutionResults results = run(CustomAttackFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
        assertEquals(List.of("SIGN_NOISE eps=2/255 density=0.5", "SIGN_NOISE eps=4/255 density=0.5"),
                CustomAttackFixture.SEEN.stream().map(RobustnessResult::displayName).toList());
        for (RobustnessResult result : CustomAttackFixture.SEEN) {
            assertEquals(Map.of("density", 0.5f, "seed", 3L), result.attack().options());
            assertEquals(result.attack().eps(), result.maxLinf(), 1e-6, "noise of exactly eps");
        }
        Throwable failure = results.containerEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("SIGN_NOISE: it has no option flips: its options are density, seed"),
                failure.getMessage());
    }

    @Test
    void analysesRunFromTheAnnotationAreWrittenAndGated() {
        EngineExecutionResults results = run(AnalysesFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(0).failed(1));
        Throwable failure = failures(results).get(0);
        assertInstanceOf(AssertionFailedError.class, failure, "only the worst-prompt limit fails");
        assertTrue(failure.getMessage().startsWith("FGSM eps=4/255: worst-prompt Dice ")
                && failure.getMessage().contains("< minWorstPromptDice 0.990"), failure.getMessage());
        RobustnessResult written = onlyResultWritten();
        assertEquals("all", written.prompt());
        var prompts = written.promptRobustness().orElseThrow();
        assertEquals(6, prompts.images().size());
        assertTrue(prompts.meanTransferredDice() != null, "prompt transfer was asked for");
        var critical = written.criticalBudget().orElseThrow();
        assertEquals(1 / 255f, critical.step(), 1e-7f);
        assertEquals(written.samples().size(), critical.samples().size());
        assertEquals(3, written.curve().orElseThrow().points().size(), "eps 0, 2/255 and 4/255");
    }

    @Test
    void aLimitOnAnAnalysisThatIsNotRunIsAConfigurationError() {
        EngineExecutionResults results = run(MisconfiguredAnalysesFixture.class);
        Throwable failure = results.containerEvents().failed().stream().map(AdversarialRobustnessExtensionTest::throwable)
                .findFirst().orElseThrow();
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("minMedianCriticalEps needs the critical-budget search"), failure.getMessage());
    }

    @Test
    void aMaskedModelPassesOnDiceButFailsOnItsAlarmsWhenAsked() {
        EngineExecutionResults results = run(MaskedModelFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        List<Throwable> failed = failures(results);
        assertEquals(1, failed.size());
        String message = failed.get(0).getMessage();
        assertTrue(message.contains("PGD eps=8/255 steps=6: gradient masking suspected: " + MaskingAlarm.ZERO_GRADIENT.description()),
                message);
        assertTrue(!message.contains("< minDice"), "the Dice clears its limit, only the alarms fail: " + message);
    }

    @Test
    void passingGatePasses() {
        EngineExecutionResults results = run(PassingGateFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        assertEquals(List.of("FGSM eps=1/255"), finishedNames(results));
    }

    @Test
    void aNamePatternNamesEachInvocation() {
        EngineExecutionResults results = run(NamedInvocationFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertEquals(List.of("#1 FGSM at 1/255 keeps minDice 0.1 (FGSM eps=1/255)",
                "#2 FGSM at 2/255 keeps minDice 0.1 (FGSM eps=2/255)"), finishedNames(results));
    }

    @Test
    void anUnknownPlaceholderIsAConfigurationErrorThatNamesIt() {
        Throwable failure = run(UnknownPlaceholderFixture.class).containerEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("UnknownPlaceholderFixture#misnamed: name has an unknown placeholder {budget}"),
                failure.getMessage());
    }

    @Test
    void aLimitGivenByNameInLimitsGatesLikeATypedAttribute() {
        EngineExecutionResults results = run(GenericLimitFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(0).failed(1));
        Throwable failure = failures(results).get(0);
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().contains("FGSM eps=4/255: Dice drop ")
                && failure.getMessage().contains(" > maxDiceDrop 0.050"), failure.getMessage());
    }

    @Test
    void corruptionsNeedNoEpsAndGateEachKindAndSeverity() {
        // CORRUPTION is a registered attack without a budget: the annotation runs it with no code of its own.
        EngineExecutionResults results = run(CorruptionFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(4).failed(1));
        List<String> names = results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        assertTrue(names.contains("CORRUPTION kinds=jpeg severity=1") && names.contains("CORRUPTION kinds=gaussian_noise severity=5"),
                names.toString());
        Throwable failure = failures(results).get(0);
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().contains("CORRUPTION kinds=contrast severity=5: Dice ")
                && failure.getMessage().contains(" < minDice 0.990"), failure.getMessage());
    }

    @Test
    void aLimitOnNsdGatesWithANamedViolationAndOneOnHd95Passes() {
        // NSD and HD95 are registered metrics: the annotation gates them with no code of its own.
        EngineExecutionResults results = run(BoundaryLimitFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        Throwable failure = failures(results).get(0);
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().contains("FGSM eps=4/255: NSD ") && failure.getMessage().contains(" < minNsd 0.990")
                && failure.getMessage().contains("clean "), failure.getMessage());
    }

    @Test
    void sequentialGatesStopOnceDecidedAndSaySo() {
        EngineExecutionResults results = run(SequentialGateFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        Throwable failure = failures(results).get(0);
        assertInstanceOf(AssertionFailedError.class, failure);
        Matcher decided = Pattern.compile("FGSM eps=4/255: decided after (\\d+) of 48 images: Dice ≤ (\\d\\.\\d{3}) with 95% "
                + "confidence < minDice 0\\.800").matcher(failure.getMessage());
        assertTrue(decided.find(), failure.getMessage());
        for (ResultsDocument document : ResultsFile.readAll(resultsDirectory)) {
            RobustnessResult result = document.results().get(0);
            var record = result.sequentialRecord().orElseThrow();
            assertEquals(48, record.imagesTotal());
            assertTrue(record.imagesAttacked() <= 12 && !record.exhausted(), "decided after a quarter at most: " + record);
            assertEquals(record.imagesAttacked(), result.samples().size(), "only the attacked images are recorded");
            var limit = record.limits().get(0);
            assertEquals("minDice", limit.name());
            if (result.attack().eps() > 2 / 255f) {
                assertEquals(Integer.parseInt(decided.group(1)), record.imagesAttacked());
                assertEquals(Decision.MISSED, limit.decision());
                assertEquals(format(limit.upper()), decided.group(2));
            } else {
                assertEquals(Decision.MET, limit.decision());
                assertTrue(limit.lower() > 0.30, limit.toString());
            }
        }
    }

    @Test
    void failingGateFailsWithTheNumbersOfTheResult() {
        EngineExecutionResults results = run(FailingGateFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(0).failed(1));
        Throwable failure = failures(results).get(0);
        assertInstanceOf(AssertionFailedError.class, failure);

        Matcher message = MIN_DICE_MESSAGE.matcher(failure.getMessage());
        assertTrue(message.matches(), "unexpected gate message: " + failure.getMessage());
        RobustnessResult written = onlyResultWritten();
        assertEquals(format(written.adversarialDice().mean()), message.group(1));
        assertEquals(format(written.cleanDice().mean()), message.group(2));
        assertEquals(format(written.diceDrop().mean()), message.group(3));
        assertEquals(format(written.adversarialDice().ciLow()), message.group(4));
        assertEquals(format(written.adversarialDice().ciHigh()), message.group(5));
        assertEquals(written.worstSamples(1).get(0).imageName(), message.group(6));
    }

    @Test
    void everyViolatedLimitIsReportedTogether() {
        Throwable failure = failures(run(SeveralViolationsFixture.class)).get(0);
        MultipleFailuresError several = assertInstanceOf(MultipleFailuresError.class, failure);
        List<String> messages = several.getFailures().stream().map(Throwable::getMessage).toList();
        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains("< minDice 0.800"), messages.get(0));
        assertTrue(messages.get(1).contains("< minIoU 0.700"), messages.get(1));
        assertTrue(messages.get(2).contains("> maxDiceDrop 0.050"), messages.get(2));
        assertTrue(several.getMessage().contains("failed 3 robustness gates"), several.getMessage());
        messages.forEach(m -> assertTrue(m.startsWith("FGSM eps=4/255: "), m));
    }

    @Test
    void aFailingBodyIsReportedAlongsideTheGate() {
        Throwable failure = failures(run(GateAndBodyFailFixture.class)).get(0);
        MultipleFailuresError both = assertInstanceOf(MultipleFailuresError.class, failure);
        assertEquals(2, both.getFailures().size());
        assertTrue(both.getFailures().get(0).getMessage().contains("< minDice 0.800"));
        assertTrue(both.getFailures().get(1).getMessage().contains("own assertion: worst sample too weak"));
    }

    @Test
    void twoSpecsMakeTwoInvocationsEachHandedItsOwnResult() {
        TwoSpecsFixture.SEEN.clear();
        EngineExecutionResults results = run(TwoSpecsFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertEquals(List.of("FGSM eps=1/255", "PGD eps=1/255 steps=2"), finishedNames(results));
        assertEquals(List.of(AttackNames.FGSM, AttackNames.PGD),
                TwoSpecsFixture.SEEN.stream().map(r -> r.attack().name()).toList());
        assertEquals(7L, TwoSpecsFixture.SEEN.get(1).attack().seed());
        assertEquals(2, TwoSpecsFixture.SEEN.get(1).attack().steps());
    }

    @Test
    void severalBudgetsInOneAnnotationMakeOneInvocationEach() {
        EngineExecutionResults results = run(SweepFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        assertEquals(List.of("FGSM eps=1/255", "FGSM eps=2/255", "FGSM eps=4/255"), finishedNames(results));
    }

    @Test
    void composedAnnotationCarriesItsRequirements() {
        EngineExecutionResults results = run(ComposedAnnotationFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertEquals(List.of("FGSM eps=1/255", "FGSM eps=4/255"), finishedNames(results));
        assertTrue(failures(results).get(0).getMessage().startsWith("FGSM eps=4/255: Dice "));
    }

    @Test
    void modelLoadsOnceForTwoTestClassesAndIsClosedAtTheEnd() {
        int loadsBefore = SharedModels.BUNDLE_LOADS.get();
        int closesBefore = SharedModels.BUNDLE_CLOSES.get();
        EngineExecutionResults results = run(SameModelFirstFixture.class, SameModelSecondFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertEquals(1, SharedModels.BUNDLE_LOADS.get() - loadsBefore);
        assertEquals(1, SharedModels.BUNDLE_CLOSES.get() - closesBefore);
    }

    @Test
    void missingModelFailsTheTestNamingThePathAndTheRunGoesOn() {
        EngineExecutionResults results = run(MissingModelFixture.class, PassingGateFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        String message = failures(results).get(0).getMessage();
        Path expected = Path.of("target/no-such-model").toAbsolutePath();
        assertTrue(message.contains(expected.toString()), message);
        assertTrue(message.contains("model bundle directory not found"), message);
    }

    @Test
    void missingSplitFailsTheTestNamingTheAnnotationFile() {
        String message = failures(run(MissingDataFixture.class)).get(0).getMessage();
        Path expected = Path.of(GoldenFixture.HELD_OUT, "anns", "validation.json").toAbsolutePath().normalize();
        assertTrue(message.contains(expected.toString()), message);
        assertTrue(message.contains("split 'validation' not found"), message);
    }

    @Test
    void brokenModelFailsTheTestNamingItsFile() {
        EngineExecutionResults results = run(BrokenModelFixture.class, PassingGateFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        String message = failures(results).get(0).getMessage();
        Path moduleFile = Path.of(GoldenFixture.BAD_MODELS, "wrong-arity", "model.pt").toAbsolutePath().normalize();
        assertTrue(message.startsWith(moduleFile + ": forward("), message);
    }

    @Test
    void modelReturningNaNFailsTheTestNamingTheModelAndTheSample() {
        String message = failures(run(NanModelFixture.class)).get(0).getMessage();
        Path moduleFile = Path.of(GoldenFixture.BAD_MODELS, "nan-output", "model.pt").toAbsolutePath().normalize();
        assertTrue(message.startsWith(moduleFile + ": returned NaN logits for "), message);
        assertTrue(message.contains("_HC.png"), message);
    }

    @Test
    void withoutAModelTheTestSaysHowToConfigureOne() {
        Throwable failure = failures(run(UnconfiguredFixture.class)).get(0);
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("@RobustnessModel"), failure.getMessage());
        assertTrue(failure.getMessage().contains("robustgate.model.dir"), failure.getMessage());
    }

    @Test
    void configurationParametersFillInWhatTheAnnotationsLeaveUnsaid() {
        EngineExecutionResults results = run(Map.of("robustgate.model.dir", GoldenFixture.BUNDLE,
                "robustgate.sample.limit", "2"), UnconfiguredFixture.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertEquals(2, onlyResultWritten().samples().size());
    }

    @Test
    void configurationParametersDoNotOverrideTheAnnotations() {
        // As a committed robustgate.sample.limit=2 in junit-platform.properties would be read.
        EngineExecutionResults results = run(Map.of("robustgate.model.dir", GoldenFixture.BUNDLE,
                "robustgate.sample.limit", "2"), MissingModelFixture.class, SampleLimitFixture.class);

        // The annotation's (missing) model is still the one attacked, and sampleLimit = 4 stays 4.
        assertTrue(failures(results).get(0).getMessage().contains("no-such-model"), failures(results).toString());
        assertEquals(Map.of("annotatedLimit", 4, "noLimit", 2), samplesByMethod());
        ResultsFile.readAll(resultsDirectory).forEach(d -> assertTrue(d.results().size() == 1));
    }

    @Test
    void overrideKeysWinAndAreRecordedInTheResults() throws Exception {
        EngineExecutionResults results = run(Map.of("robustgate.model.dir.override", GoldenFixture.BUNDLE,
                "robustgate.sample.limit.override", "3"), MissingModelFixture.class, SampleLimitFixture.class);

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        assertEquals(Map.of("annotatedLimit", 3, "noLimit", 3, "attacksAModelThatIsNotThere", 3), samplesByMethod());
        try (Stream<Path> files = Files.list(resultsDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String json = Files.readString(file);
                assertTrue(json.contains("\"configurationOverrides\" : {\n    \"robustgate.model.dir.override\" : \""
                        + GoldenFixture.BUNDLE + "\",\n    \"robustgate.sample.limit.override\" : \"3\"\n  }"), json);
                // Still a results document for check and report, figures intact.
                assertEquals(3, ResultsFile.read(file).results().get(0).samples().size());
            }
        }
    }

    private Map<String, Integer> samplesByMethod() {
        Map<String, Integer> samples = new java.util.TreeMap<>();
        for (ResultsDocument document : ResultsFile.readAll(resultsDirectory)) {
            samples.put(document.source().substring(document.source().indexOf('#') + 1),
                    document.results().get(0).samples().size());
        }
        return samples;
    }

    @Test
    void eachInvocationWritesAResultsFileNamingItsSource() throws Exception {
        run(SweepFixture.class);
        try (Stream<Path> files = Files.list(resultsDirectory)) {
            assertEquals(List.of("io.robustgate.junit.fixtures.SweepFixture.fgsmSweep.1.json",
                            "io.robustgate.junit.fixtures.SweepFixture.fgsmSweep.2.json",
                            "io.robustgate.junit.fixtures.SweepFixture.fgsmSweep.3.json"),
                    files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList());
        }
        // Beside them, each invocation's worst samples as panel and overlay, for the dashboard.
        try (Stream<Path> pictures = Files.walk(resultsDirectory.resolve("pictures"))) {
            List<String> names = pictures.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).toList();
            assertTrue(names.size() >= 3 * 2 * 3, names.toString());
            assertEquals(names.stream().filter(n -> n.endsWith(".panel.png")).count(),
                    names.stream().filter(n -> n.endsWith(".overlay.png")).count());
        }
        List<ResultsDocument> documents = ResultsFile.readAll(resultsDirectory);
        assertEquals(List.of(1 / 255f, 2 / 255f, 4 / 255f),
                documents.stream().map(d -> d.results().get(0).attack().eps()).toList());
        documents.forEach(d -> assertEquals("junit:io.robustgate.junit.fixtures.SweepFixture#fgsmSweep", d.source()));
        documents.forEach(d -> assertEquals(6, d.results().get(0).samples().size()));
    }

    /** Three CI jobs, {@code -Drobustgate.shard=K/3} each, write results that merge into the unsharded run's. */
    @Test
    void shardsOfAJUnitRunMergeIntoTheUnshardedResults(@TempDir Path shards) {
        run(Map.of(SharedModels.BATCH_SIZE, "2"), SweepFixture.class);
        List<ResultsDocument> unsharded = ResultsFile.readAll(resultsDirectory);
        for (int k = 1; k <= 3; k++) {
            Path job = shards.resolve("shard-" + k);
            EngineTestKit.engine("junit-jupiter").selectors(DiscoverySelectors.selectClass(SweepFixture.class))
                    .configurationParameter(InvocationResultsFile.RESULTS_DIR, job.toString())
                    .configurationParameter(SharedModels.BATCH_SIZE, "2")
                    .configurationParameter(io.robustgate.evaluation.Shard.PROPERTY, k + "/3")
                    .execute().testEvents().assertStatistics(stats -> stats.succeeded(3));
            ResultsFile.readEach(job).forEach(f -> {
                assertEquals(2, f.document().results().get(0).samples().size(), "one block of two per shard");
                assertTrue(f.document().shard() != null);
            });
        }
        List<ResultsDocument> merged = ResultsFile.readAll(shards);
        assertEquals(3, merged.size(), "one merged document per invocation");
        for (int i = 0; i < 3; i++) {
            RobustnessResult expected = unsharded.get(i).results().get(0);
            RobustnessResult actual = merged.get(i).results().get(0);
            assertEquals(expected.attack(), actual.attack());
            assertEquals(ResultsFile.toJson(expected.samples()), ResultsFile.toJson(actual.samples()));
            assertEquals(expected.adversarialDice(), actual.adversarialDice());
        }
    }

    private EngineExecutionResults run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    private EngineExecutionResults run(Map<String, String> parameters, Class<?>... classes) {
        DiscoverySelector[] selectors = Arrays.stream(classes).map(DiscoverySelectors::selectClass)
                .toArray(DiscoverySelector[]::new);
        return EngineTestKit.engine("junit-jupiter").selectors(selectors)
                .configurationParameter(InvocationResultsFile.RESULTS_DIR, resultsDirectory.toString())
                .configurationParameters(parameters)
                .execute();
    }

    private static List<String> finishedNames(EngineExecutionResults results) {
        return results.testEvents().finished().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    private static List<Throwable> failures(EngineExecutionResults results) {
        List<Throwable> failures = results.testEvents().failed().stream()
                .map(AdversarialRobustnessExtensionTest::throwable).toList();
        assertTrue(!failures.isEmpty(), "expected a failed test");
        return failures;
    }

    private static Throwable throwable(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    private RobustnessResult onlyResultWritten() {
        List<ResultsDocument> documents = ResultsFile.readAll(resultsDirectory);
        assertEquals(1, documents.size());
        return documents.get(0).results().get(0);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
