package io.robustgate.results;

import io.robustgate.evaluation.Provenance;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.ShardLayout;
import io.robustgate.evaluation.ShardedResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Puts the results files of a sharded run (e.g. CI artifacts downloaded into one folder) back
 * together. Shard files of one run (same source and attacks) are checked to come from the same
 * model file, data set, RobustGate version, attack settings and layout, to be complete and
 * disjoint, and are merged into one document whose every result equals an unsharded run's
 * ({@link ShardedResult}). Files of unsharded runs pass through unchanged. Any problem is an
 * {@link IllegalArgumentException} naming the file.
 */
public final class ShardMerge {

    /** A results document and the file it was read from. */
    public record ResultsInFile(Path file, ResultsDocument document) {}

    private ShardMerge() {}

    public static List<ResultsDocument> merge(List<ResultsInFile> files) {
        Map<String, List<ResultsInFile>> runs = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (ResultsInFile file : files) {
            if (file.document().shard() == null) {
                order.add(file.document());
            } else {
                String run = runKey(file.document());
                if (!runs.containsKey(run)) {
                    order.add(run);
                }
                runs.computeIfAbsent(run, k -> new ArrayList<>()).add(file);
            }
        }
        List<ResultsDocument> merged = new ArrayList<>();
        for (Object item : order) {
            merged.add(item instanceof ResultsDocument document ? document : mergeRun(runs.get((String) item)));
        }
        return merged;
    }

    /** The shards of one run: same source, same attacks at the same budgets. */
    private static String runKey(ResultsDocument document) {
        return document.source() + " " + document.results().stream()
                .map(r -> r.attack().name() + "@" + r.attack().eps()).collect(Collectors.joining(","));
    }

    private static ResultsDocument mergeRun(List<ResultsInFile> run) {
        List<ResultsInFile> shards = new ArrayList<>(run);
        shards.sort(Comparator.comparing(f -> f.file().toString()));
        ResultsInFile reference = shards.get(0);
        for (ResultsInFile shard : shards) {
            checkSameRun(reference, shard);
        }
        ShardLayout layout = reference.document().shard();
        Map<Integer, ResultsInFile> byIndex = new TreeMap<>();
        for (ResultsInFile shard : shards) {
            ResultsInFile other = byIndex.putIfAbsent(shard.document().shard().index(), shard);
            if (other != null) {
                throw new IllegalArgumentException(shard.file() + ": duplicate shard: it and " + other.file()
                        + " are both shard " + shard.document().shard().shard() + " of " + describe(reference));
            }
        }
        for (int index = 1; index <= layout.total(); index++) {
            if (!byIndex.containsKey(index)) {
                throw new IllegalArgumentException("shard " + index + "/" + layout.total() + " of " + describe(reference)
                        + " is missing: found only " + byIndex.values().stream()
                        .map(f -> f.file() + " (" + f.document().shard().shard() + ")").collect(Collectors.joining(", ")));
            }
        }
        List<ResultsInFile> ordered = List.copyOf(byIndex.values());
        List<RobustnessResult> results = new ArrayList<>();
        for (int r = 0; r < reference.document().results().size(); r++) {
            int k = r;
            List<RobustnessResult> parts = ordered.stream().map(f -> f.document().results().get(k)).toList();
            Set<String> fitted = new HashSet<>(parts.get(0).fit() == null ? List.of() : parts.get(0).fit().fittedSamples());
            List<String> expected = layout.setSampleIds().stream().filter(id -> !fitted.contains(id)).toList();
            try {
                results.add(ShardedResult.merge(parts, expected, layout.bootstrapSeed(), results));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot merge " + parts.get(0).displayName() + " from "
                        + ordered.stream().map(f -> f.file().toString()).collect(Collectors.joining(", ")) + ": "
                        + e.getMessage(), e);
            }
        }
        ResultsDocument first = ordered.get(0).document();
        return new ResultsDocument(ResultsDocument.SCHEMA_VERSION, first.tool(), first.createdAt(), first.source(),
                first.configurationOverrides(), results, first.provenance(), null, first.gate());
    }

    /** Everything but the shard index must agree, or the file is named with what differs. */
    private static void checkSameRun(ResultsInFile reference, ResultsInFile shard) {
        Provenance expected = reference.document().provenance();
        Provenance actual = shard.document().provenance();
        if (actual == null || expected == null) {
            throw new IllegalArgumentException((actual == null ? shard : reference).file()
                    + ": shard results without provenance (model and data set hashes); cannot merge");
        }
        differs(shard, reference, "from another model: " + expected.modelFile() + " sha256", actual, expected,
                Provenance::modelSha256);
        differs(shard, reference, "of another data set: content sha256", actual, expected, Provenance::datasetSha256);
        differs(shard, reference, "from another RobustGate version:", actual, expected, Provenance::robustgateVersion);
        ShardLayout a = shard.document().shard();
        ShardLayout e = reference.document().shard();
        differs(shard, reference, "of another number of shards:", a, e, ShardLayout::total);
        differs(shard, reference, "with another block (batch) size:", a, e, ShardLayout::blockSize);
        differs(shard, reference, "with another bootstrap seed:", a, e, ShardLayout::bootstrapSeed);
        differs(shard, reference, "of another list of samples (sample limit, split or prompt):", a, e,
                l -> l.setSampleIds().size() + " samples, " + l.setSampleIds().hashCode());
        for (int r = 0; r < reference.document().results().size(); r++) {
            differs(shard, reference, "with other attack settings:", shard.document().results().get(r),
                    reference.document().results().get(r), RobustnessResult::attack);
        }
    }

    private static <T> void differs(ResultsInFile shard, ResultsInFile reference, String what, T actual, T expected,
            Function<T, Object> field) {
        Object a = field.apply(actual);
        Object e = field.apply(expected);
        if (!Objects.equals(a, e)) {
            throw new IllegalArgumentException(shard.file() + ": shard " + what + " " + a + ", but " + reference.file()
                    + " has " + e + "; all shards of a run must agree");
        }
    }

    private static String describe(ResultsInFile file) {
        return "run " + file.document().source() + " ("
                + file.document().results().stream().map(RobustnessResult::displayName).collect(Collectors.joining(", "))
                + ")";
    }
}
