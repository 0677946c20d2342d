package io.robustgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.GoldenFixture;
import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.Provenance;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.Shard;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded run merges into exactly the unsharded run: the golden set's six samples, in blocks of
 * two, evaluated whole, as 3 shards and as 2 shards, give the same per-sample JSON byte for byte
 * and the same aggregates; and a merge refuses a missing, a duplicate or another model's shard,
 * naming the file.
 */
class ShardMergeTest {

    private static final int BLOCK = 2;
    private static final List<AttackSpec> ATTACKS = List.of(AttackSpec.fgsm(2 / 255f),
            AttackSpec.pgd(2 / 255f).withSteps(3));

    private static ModelBundle bundle;
    private static ResultsDocument unsharded;

    @TempDir
    Path dir;

    @BeforeAll
    static void evaluateUnsharded() {
        bundle = GoldenFixture.loadBundle();
        unsharded = run(Shard.WHOLE);
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    private static ResultsDocument run(Shard shard) {
        RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(), EvaluationOptions.DEFAULTS
                .withProgress(ProgressListener.NONE).withBatchSize(BLOCK).withShard(shard));
        List<RobustnessResult> results = ATTACKS.stream().map(evaluator::evaluate).toList();
        return ResultsDocument.of("maven:evaluate", results, evaluator);
    }

    /** Runs every shard of {@code total} and writes each to {@code shard-K/evaluate.json}, as CI artifacts. */
    private List<Path> writeShards(int total) {
        List<Path> files = new ArrayList<>();
        for (int k = 1; k <= total; k++) {
            Path file = dir.resolve("shard-" + k + "/evaluate.json");
            ResultsFile.write(file, run(new Shard(k, total)));
            files.add(file);
        }
        return files;
    }

    @Test
    void threeShardsAndTwoShardsMergeIntoExactlyTheUnshardedResults() throws IOException {
        assertNull(unsharded.shard());
        assertEquals(6, unsharded.results().get(0).samples().size());
        for (int total : new int[] {3, 2}) {
            List<Path> files = writeShards(total);
            Set<String> seen = new HashSet<>();
            for (Path file : files) {
                ResultsDocument shard = ResultsFile.read(file);
                assertTrue(shard.results().get(0).samples().size() < 6, "a shard attacks only its own samples");
                shard.results().get(0).samples().forEach(s -> assertTrue(seen.add(s.sampleId()), "disjoint shards"));
                assertEquals(unsharded.provenance(), shard.provenance());
            }
            List<ResultsDocument> merged = ResultsFile.readAll(dir);
            assertEquals(1, merged.size(), total + " shards become one document");
            ResultsDocument whole = merged.get(0);
            assertNull(whole.shard());
            for (int r = 0; r < ATTACKS.size(); r++) {
                RobustnessResult expected = unsharded.results().get(r);
                RobustnessResult actual = whole.results().get(r);
                String where = total + " shards, " + expected.displayName();
                assertEquals(ResultsFile.toJson(expected.samples()), ResultsFile.toJson(actual.samples()), where);
                assertEquals(expected.cleanDice(), actual.cleanDice(), where);
                assertEquals(expected.adversarialDice(), actual.adversarialDice(), where);
                assertEquals(expected.adversarialIou(), actual.adversarialIou(), where);
                assertEquals(expected.diceDrop(), actual.diceDrop(), where);
                assertEquals(expected.iouDrop(), actual.iouDrop(), where);
                assertEquals(expected.maxLinf(), actual.maxLinf(), where);
                assertEquals(expected.meanL2(), actual.meanL2(), where);
                assertEquals(expected.meanPsnr(), actual.meanPsnr(), where);
                assertEquals(expected.alarms(), actual.alarms(), where);
                assertEquals(expected.timings().batchSize(), actual.timings().batchSize(), where);
            }
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }

    /**
     * A set-level attack is fitted by every shard on the same samples as the unsharded run (the
     * fit is not sharded) and evaluated on the shard's part of the rest; a shard may hold none of
     * the rest. Merged, it is the unsharded result again.
     */
    @Test
    void aUniversalPerturbationFittedOnAShareMergesToo() {
        AttackSpec universal = AttackSpec.of(io.robustgate.attack.AttackNames.UNIVERSAL, 8 / 255f,
                java.util.Map.of("epochs", 2, "fitFraction", 0.5));
        java.util.function.Function<Shard, ResultsDocument> run = shard -> {
            RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, GoldenFixture.heldOutSet(),
                    EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(BLOCK).withShard(shard));
            return ResultsDocument.of("maven:evaluate", List.of(evaluator.evaluate(universal)), evaluator);
        };
        RobustnessResult expected = run.apply(Shard.WHOLE).results().get(0);
        assertEquals(3, expected.samples().size(), "half the six samples fitted, the other half evaluated");
        for (int k = 1; k <= 3; k++) {
            ResultsFile.write(dir.resolve("shard-" + k + "/evaluate.json"), run.apply(new Shard(k, 3)));
        }
        RobustnessResult actual = ResultsFile.readAll(dir).get(0).results().get(0);
        assertEquals(ResultsFile.toJson(expected.samples()), ResultsFile.toJson(actual.samples()));
        assertEquals(expected.adversarialDice(), actual.adversarialDice());
        assertEquals(expected.fit().fittedSamples(), actual.fit().fittedSamples());
        assertEquals(expected.fit().lossPerEpoch(), actual.fit().lossPerEpoch());
    }

    /**
     * With every prompt of each image (prompt=all) an image's prompts fall in different shards; the
     * merge recomputes the prompt comparison from all samples and gets the unsharded one. Analyses
     * that attack subsets of the whole set are refused in a shard.
     */
    @Test
    void thePromptComparisonIsRecomputedFromTheMergedSamples() {
        io.robustgate.data.HeldOutSet everyPrompt = io.robustgate.data.HeldOutSet.load(GoldenFixture.HELD_OUT, "test",
                io.robustgate.data.PromptChoice.of("all"));
        AttackSpec fgsm = ATTACKS.get(0);
        java.util.function.Function<Shard, RobustnessEvaluator> evaluator = shard -> new RobustnessEvaluator(bundle,
                everyPrompt, EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withBatchSize(BLOCK)
                        .withShard(shard));
        RobustnessEvaluator whole = evaluator.apply(Shard.WHOLE);
        RobustnessResult expected = whole.evaluate(fgsm, io.robustgate.evaluation.Analyses.NONE);
        assertTrue(expected.analyses().prompts().images().size() > 1, "images with several prompts");
        for (int k = 1; k <= 3; k++) {
            RobustnessEvaluator shard = evaluator.apply(new Shard(k, 3));
            ResultsFile.write(dir.resolve("shard-" + k + "/evaluate.json"), ResultsDocument.of("maven:evaluate",
                    List.of(shard.evaluate(fgsm, io.robustgate.evaluation.Analyses.NONE)), shard));
        }
        RobustnessResult merged = ResultsFile.readAll(dir).get(0).results().get(0);
        assertEquals(ResultsFile.toJson(expected.samples()), ResultsFile.toJson(merged.samples()));
        assertEquals(ResultsFile.toJson(expected.analyses()), ResultsFile.toJson(merged.analyses()));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> evaluator
                .apply(new Shard(1, 3)).evaluate(fgsm, io.robustgate.evaluation.Analyses.NONE.withPromptTransfer(true)));
        assertTrue(refused.getMessage().startsWith("shard 1/3: the analyses of FGSM eps=2/255"), refused.getMessage());
    }

    @Test
    void provenanceRecordsModelAndDataByContentAndTheVersion() {
        Provenance provenance = unsharded.provenance();
        assertEquals("model.pt", provenance.modelFile());
        assertTrue(provenance.modelSha256().matches("[0-9a-f]{64}"));
        assertTrue(provenance.datasetSha256().matches("[0-9a-f]{64}"));
        assertNotEquals(provenance.modelSha256(), provenance.datasetSha256());
        assertEquals(6, provenance.sampleCount());
        assertTrue(provenance.robustgateVersion().matches("\\d+\\.\\d+\\.\\d+.*"), provenance.robustgateVersion());
    }

    @Test
    void aMissingShardFailsTheMergeNamingTheFilesFound() throws IOException {
        List<Path> files = writeShards(3);
        Files.delete(files.get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsFile.readAll(dir));
        assertTrue(e.getMessage().startsWith("shard 2/3 of run maven:evaluate"), e.getMessage());
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
        assertTrue(e.getMessage().contains(files.get(0) + " (1/3)") && e.getMessage().contains(files.get(2) + " (3/3)"),
                e.getMessage());
    }

    @Test
    void aDuplicateShardFailsTheMergeNamingBothFiles() throws IOException {
        List<Path> files = writeShards(3);
        Path copy = dir.resolve("shard-2-retry/evaluate.json");
        Files.createDirectories(copy.getParent());
        Files.copy(files.get(1), copy);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsFile.readAll(dir));
        assertTrue(e.getMessage().contains(": duplicate shard: it and "), e.getMessage());
        assertTrue(e.getMessage().contains(copy.toString()) && e.getMessage().contains(files.get(1).toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains(" are both shard 2/3 of run maven:evaluate"), e.getMessage());
    }

    @Test
    void aShardOfAnotherModelFailsTheMergeNamingTheFile() {
        List<Path> files = writeShards(3);
        ResultsDocument third = ResultsFile.read(files.get(2));
        Provenance p = third.provenance();
        // What the same run of a retrained model file records: another content hash.
        ResultsFile.write(files.get(2), third.withProvenance(new Provenance(p.robustgateVersion(), p.modelFile(),
                "0".repeat(64), p.datasetSha256(), p.sampleCount()), third.shard()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsFile.readAll(dir));
        assertTrue(e.getMessage().startsWith(files.get(2) + ": shard from another model: model.pt sha256 " + "0".repeat(64)
                + ", but " + files.get(0) + " has " + p.modelSha256()), e.getMessage());
    }

    @Test
    void aShardWithOtherAttackSettingsFailsTheMergeNamingTheFile() {
        List<Path> files = writeShards(2);
        ResultsDocument second = ResultsFile.read(files.get(1));
        List<RobustnessResult> changed = new ArrayList<>(second.results());
        RobustnessResult pgd = changed.get(1);
        changed.set(1, new RobustnessResult(pgd.attack().withSteps(4), pgd.model(), pgd.modelDirectory(), pgd.dataset(),
                pgd.datasetRoot(), pgd.split(), pgd.prompt(), pgd.device(), pgd.cleanDice(), pgd.cleanIou(),
                pgd.adversarialDice(), pgd.adversarialIou(), pgd.diceDrop(), pgd.iouDrop(), pgd.maxLinf(), pgd.meanL2(),
                pgd.meanPsnr(), pgd.timings(), pgd.samples(), List.of(), pgd.alarms(), pgd.fit()));
        ResultsFile.write(files.get(1), second.withResults(changed));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsFile.readAll(dir));
        assertTrue(e.getMessage().startsWith(files.get(1) + ": shard with other attack settings:"), e.getMessage());
    }
}
