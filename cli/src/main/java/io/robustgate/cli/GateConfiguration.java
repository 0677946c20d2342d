package io.robustgate.cli;

import io.robustgate.evaluation.Analyses;
import io.robustgate.evaluation.EvaluationOptions;

import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.DuplicateAttacks;
import io.robustgate.configuration.ConfigurationProblem;
import io.robustgate.configuration.ConfiguredAttack;
import io.robustgate.configuration.OptionValues;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.RuleCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A configuration file, read and validated: the same settings as the Maven plugin's
 * {@code <configuration>}, with paths resolved against the file's folder so that a configuration
 * checked in next to its model works from any working directory. Paths are checked for existence
 * only by the command that needs them: {@code check} runs without the model.
 *
 * @param attackAnalyses what is measured around each of {@code attacks}, in the same order
 * @param configuredAttacks the {@code attacks} entries as read, for the evaluation
 * @param sequential {@code sequential: true}: every attack with limits decides them sequentially (docs/sequential.md)
 */
record GateConfiguration(Path file, Path model, Path dataset, String split, String prompt, String device,
                         int batchSize, int sampleLimit, Integer torchThreads, Path resultsDirectory,
                         Path resultsFile, Path reportDirectory, List<AttackSpec> attacks, List<GateRule> rules,
                         GateStatistic gateOn, boolean haltOnFailure, List<Analyses> attackAnalyses,
                         List<ConfiguredAttack> configuredAttacks, boolean sequential) {

    static final String DEFAULT_RESULTS_DIRECTORY = "robustgate-results";
    static final String DEFAULT_REPORT_DIRECTORY = "robustgate-report";

    private static final Set<String> KEYS = Set.of("model", "dataset", "split", "prompt", "device", "batchSize",
            "sampleLimit", "torchThreads", "resultsDirectory", "resultsFile", "reportDirectory", "attacks", "rules",
            "gateOn", "haltOnFailure", "sequential");

    static GateConfiguration from(ConfigNode root) {
        root.allowOnly(KEYS);
        Path base = root.file().toAbsolutePath().getParent();
        Path model = root.text("model").map(base::resolve).map(Path::normalize).orElse(null);
        Path dataset = root.text("dataset").map(base::resolve).map(Path::normalize).orElse(null);
        String split = root.text("split").orElse("test");
        String prompt = root.text("prompt").orElse("p1");
        String device = root.text("device").orElse("auto");
        // Unset: measured per model (EvaluationOptions.AUTO_BATCH_SIZE), as in the plugin.
        int batchSize = root.has("batchSize") ? root.integer("batchSize", 0) : EvaluationOptions.AUTO_BATCH_SIZE;
        if (root.has("batchSize") && batchSize < 1) {
            throw root.child("batchSize").problem("must be at least 1 (leave it out to measure the fastest) but is " + batchSize);
        }
        int sampleLimit = root.integer("sampleLimit", 0);
        if (sampleLimit < 0) {
            throw root.child("sampleLimit").problem("must be 0 (all samples) or more but is " + sampleLimit);
        }
        Integer torchThreads = root.has("torchThreads") ? root.integer("torchThreads", 0) : null;
        if (torchThreads != null && torchThreads < 1) {
            throw root.child("torchThreads").problem("must be at least 1 but is " + torchThreads);
        }
        Path resultsDirectory = base.resolve(root.text("resultsDirectory").orElse(DEFAULT_RESULTS_DIRECTORY)).normalize();
        Path resultsFile = root.text("resultsFile").map(base::resolve).map(Path::normalize)
                .orElse(resultsDirectory.resolve("evaluate.json"));
        Path reportDirectory = base.resolve(root.text("reportDirectory").orElse(DEFAULT_REPORT_DIRECTORY)).normalize();
        List<AttackSpec> attacks = new ArrayList<>();
        List<Analyses> attackAnalyses = new ArrayList<>();
        List<DuplicateAttacks.Entry> entries = new ArrayList<>();
        List<GateRule> attackRules = new ArrayList<>();
        List<ConfiguredAttack> configuredAttacks = new ArrayList<>();
        for (ConfigNode entry : root.list("attacks")) {
            ConfiguredAttack configured = AttackEntry.read(entry);
            configuredAttacks.add(configured);
            List<AttackSpec> specs = configured.specs();
            attacks.addAll(specs);
            specs.forEach(spec -> attackAnalyses.add(configured.analyses()));
            specs.forEach(spec -> entries.add(new DuplicateAttacks.Entry(entry.path(), spec)));
            attackRules.addAll(configured.rules());
        }
        try {
            DuplicateAttacks.refuse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(root.file(), e.getMessage(), e);
        }
        List<GateRule> rules = new ArrayList<>();
        for (ConfigNode entry : root.list("rules")) {
            rules.add(RuleEntry.rule(entry));
        }
        // An attack's own limits gate its results as a rule per budget, after the rules written as such.
        rules.addAll(attackRules);
        GateStatistic gateOn;
        try {
            gateOn = root.has("gateOn") ? OptionValues.constant(
                    io.robustgate.configuration.OptionMap.path("").put("gateOn", root.child("gateOn").scalar()), "gateOn", GateStatistic.class)
                    : GateStatistic.MEAN;
        } catch (ConfigurationProblem e) {
            throw root.problem(e);
        }
        boolean haltOnFailure = root.bool("haltOnFailure", true);
        boolean sequential = root.bool("sequential", false);
        return new GateConfiguration(root.file(), model, dataset, split, prompt, device, batchSize, sampleLimit,
                torchThreads, resultsDirectory, resultsFile, reportDirectory, List.copyOf(attacks), List.copyOf(rules),
                gateOn, haltOnFailure, List.copyOf(attackAnalyses), List.copyOf(configuredAttacks), sequential);
    }

    RuleCheck ruleCheck() {
        return new RuleCheck(rules, gateOn);
    }

    /** {@code evaluate} cannot start without these; named as in the file, so the fix is obvious. */
    void requireEvaluationSettings() {
        if (model == null) {
            throw new ConfigurationException(file, "model is missing: the model bundle directory, e.g. model: models/my-model");
        }
        if (dataset == null) {
            throw new ConfigurationException(file, "dataset is missing: the held-out set directory, e.g. dataset: data/my-heldout");
        }
        if (attacks.isEmpty()) {
            throw new ConfigurationException(file, "attacks: declare at least one attack, e.g. attacks: [{type: PGD, eps: 2/255}]");
        }
        if (split.isBlank()) {
            throw new ConfigurationException(file, "split: must not be empty (e.g. test)");
        }
        if (prompt.isBlank()) {
            throw new ConfigurationException(file, "prompt: must not be empty (e.g. p1, or all)");
        }
    }

    void requireRules() {
        if (rules.isEmpty()) {
            throw new ConfigurationException(file, "rules: check needs at least one rule, e.g. "
                    + "rules: [{attack: PGD, eps: 2/255, limits: [{metric: DICE, minimum: 0.80}]}]");
        }
    }
}
