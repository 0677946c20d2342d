package io.robustgate.maven;

import io.robustgate.gate.GateRule;
import io.robustgate.results.ResultsDocument;
import io.robustgate.results.ResultsFile;
import io.robustgate.results.ShardMerge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results JSON under a folder, split into what this Maven build wrote and what an earlier
 * build left behind. {@code check} and {@code report} use only the former: after a robustness test
 * is deleted, its results file from yesterday's build must not keep a gate green when the build
 * runs without {@code clean}. "Written by this build" is judged by the file's modification time
 * against the session's start, so the format needs no build id and a user needs no clean step.
 *
 * @param fresh documents written since the build started (all of them when no start is given)
 * @param stale files written before the build started, with their documents
 */
record BuildResults(List<ResultsDocument> fresh, List<StaleFile> stale) {

    record StaleFile(Path file, Instant written, ResultsDocument document) {}

    /**
     * @param buildStart when this Maven build started; {@code null} takes every file as fresh
     *                   ({@code acceptEarlierResults}, or results downloaded from an earlier CI job)
     * @throws io.robustgate.results.ResultsFileException naming the file and the field when a file is not
     *     believable results JSON (unknown schema, missing field, impossible figure)
     * @throws IllegalArgumentException naming the file when the shards of a sharded run do not merge
     */
    static BuildResults read(Path directory, Instant buildStart) {
        List<ShardMerge.ResultsInFile> fresh = new ArrayList<>();
        List<StaleFile> stale = new ArrayList<>();
        for (Path file : jsonFiles(directory)) {
            ResultsDocument document = ResultsFile.read(file);
            Instant written = modified(file);
            if (isFresh(written, buildStart)) {
                fresh.add(new ShardMerge.ResultsInFile(file, document));
            } else {
                stale.add(new StaleFile(file, written, document));
            }
        }
        // The shards of a sharded run (CI artifacts) become the one document an unsharded run writes.
        try {
            return new BuildResults(List.copyOf(ShardMerge.merge(fresh)), List.copyOf(stale));
        } catch (IllegalArgumentException e) {
            if (stale.isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException(e.getMessage() + " (not read, as older than this build: "
                    + String.join(", ", stale.stream().map(f -> f.file().toString()).toList())
                    + "; set acceptEarlierResults for results downloaded from other CI jobs)", e);
        }
    }

    /**
     * Compared in whole seconds because some file systems (HFS+) store no finer modification
     * times, and a file written in the second the build started would otherwise look older than
     * it. An earlier build's file cannot fall in that second: Maven takes longer than that to start.
     */
    static boolean isFresh(Instant written, Instant buildStart) {
        return buildStart == null || !written.isBefore(buildStart.truncatedTo(ChronoUnit.SECONDS));
    }

    static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the modification time of " + file, e);
        }
    }

    /** A stale file that held results for {@code rule}: the reason a rule with no fresh result has none. */
    Optional<StaleFile> staleMatch(GateRule rule) {
        return stale.stream().filter(s -> s.document().results().stream().anyMatch(rule::matches)).findFirst();
    }

    /** One warning line naming every ignored file, or empty when there is none. */
    Optional<String> staleWarning(Path directory, Instant buildStart) {
        if (stale.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = stale.stream().map(s -> directory.relativize(s.file()).toString()).toList();
        return Optional.of(String.format("Ignoring %d stale results file(s) under %s, written before this build started at %s"
                + " (an earlier build's, e.g. of a test that no longer exists): %s", stale.size(), directory, buildStart,
                String.join(", ", names)));
    }

    /** The line that explains a rule with no result in this build when an earlier build had one. */
    static String missingBecauseStale(GateRule rule, StaleFile file) {
        return "Rule " + rule.displayName() + " has missing results: nothing in this build produced them"
                + " (stale file " + file.file() + " from an earlier build, written " + file.written()
                + ", ignored); run the attack in this build or remove the rule";
    }

    private static List<Path> jsonFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list results in " + directory, e);
        }
    }
}
