package io.robustgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.sequential.SequentialLimit;
import io.robustgate.gate.GateMetric;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.GateStatistic;
import io.robustgate.run.EvaluationRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file, read in-process: the same keys as the plugin's, errors naming file and entry. */
class CliConfigurationTest {

    @TempDir
    Path folder;

    @Test
    void readsAnalysesPerAttackAndTheirLimits() throws IOException {
        GateConfiguration config = read("robustgate.yaml", """
                model: models/my-model
                dataset: data/my-heldout
                prompt: all
                attacks:
                  - type: FGSM
                    eps: 2/255
                  - type: PGD
                    eps: [4/255, 8/255]
                    steps: 10
                    promptTransfer: true
                    criticalFraction: 0.5
                    criticalStep: 1/255
                    curvePoints: 4
                rules:
                  - attack: PGD
                    eps: 8/255
                    limits:
                      - {metric: WORST_PROMPT_DICE, minimum: 0.2}
                      - {metric: PROMPT_SPREAD, maximum: 0.3}
                      - {metric: MEDIAN_CRITICAL_EPS, minimum: 2/255}
                      - {metric: CURVE_AREA, minimum: 0.25}
                """);
        assertEquals(3, config.attackAnalyses().size());
        assertEquals(io.robustgate.evaluation.Analyses.NONE, config.attackAnalyses().get(0));
        io.robustgate.evaluation.Analyses pgd = config.attackAnalyses().get(2);
        assertEquals(config.attackAnalyses().get(1), pgd, "every budget of an entry has its analyses");
        assertEquals(io.robustgate.evaluation.CriticalThreshold.fractionOfClean(0.5), pgd.critical());
        assertEquals(1 / 255f, pgd.criticalStep(), 1e-9f);
        assertEquals(4, pgd.curvePoints());
        assertTrue(pgd.promptTransfer());
        assertEquals(2 / 255f, config.rules().get(0).limits().get(2).minimum(), 1e-7);
        assertEquals(GateMetric.CURVE_AREA, config.rules().get(0).limits().get(3).metric());

        ConfigurationException both = assertThrows(ConfigurationException.class, () -> read("both.yaml", """
                attacks:
                  - {type: PGD, eps: 2/255, criticalDice: 0.5, criticalFraction: 0.5}
                """));
        assertTrue(both.getMessage().contains("attacks[0]") && both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void sequentialTrueDecidesEachAttacksLimitsAsThePluginsFlagDoes() throws IOException {
        GateConfiguration config = read("robustgate.yaml", """
                model: models/my-model
                dataset: data/my-heldout
                sequential: true
                gateOn: confidence_bound
                attacks:
                  - {type: FGSM, eps: 4/255, limits: {minDice: 0.80, maxDiceDrop: 0.2}}
                  - {type: PGD, eps: 2/255, steps: 5}
                """);
        assertTrue(config.sequential());
        var attacks = EvaluationRun.attacks(config.configuredAttacks(), config.sequential(), config.gateOn());
        var plan = attacks.get(0).sequential();
        assertEquals(List.of("minDice", "maxDiceDrop"),
                plan.limits().stream().map(p -> p.limit().name()).toList());
        assertEquals(SequentialLimit.Sequence.IID, plan.limits().get(0).limit().sequence(),
                "gateOn: confidence_bound is a statement about the population");
        assertNull(attacks.get(1).sequential(), "an attack without limits is attacked whole");

        GateConfiguration plain = read("plain.yaml", """
                attacks:
                  - {type: FGSM, eps: 4/255, limits: {minDice: 0.80}}
                  - {type: FGSM, eps: 1/255, sequential: true, limits: {minDice: 0.30}}
                """);
        assertTrue(!plain.sequential());
        var own = EvaluationRun.attacks(plain.configuredAttacks(), plain.sequential(), plain.gateOn());
        assertNull(own.get(0).sequential(), "sequential is opt-in");
        assertEquals(SequentialLimit.Sequence.WITHOUT_REPLACEMENT,
                own.get(1).sequential().limits().get(0).limit().sequence(), "an entry's own sequential, on the set's mean");

        ConfigurationException notABoolean = assertThrows(ConfigurationException.class,
                () -> read("bad.yaml", "sequential: often\nattacks: [{type: FGSM, eps: 1/255}]\n"));
        assertTrue(notABoolean.getMessage().contains("sequential"), notABoolean.getMessage());
    }

    @Test
    void readsAttacksRulesAndPaths() throws IOException {
        GateConfiguration config = read("robustgate.yaml", """
                model: models/my-model
                dataset: data/my-heldout
                device: cpu
                attacks:
                  - type: FGSM
                    eps: 1/255,2/255
                  - type: PGD
                    eps: [2/255]
                    steps: 5
                    options: {loss: MASKED_BCE}
                rules:
                  - attack: PGD
                    eps: 2/255
                    failOnAlarms: true
                    limits:
                      - {metric: DICE, minimum: 0.30}
                      - {metric: DICE_DROP, maximum: 0.40}
                gateOn: confidence-bound
                """);

        assertEquals(folder.resolve("models/my-model"), config.model());
        assertEquals(folder.resolve("robustgate-results/evaluate.json"), config.resultsFile());
        assertEquals(3, config.attacks().size());
        AttackSpec pgd = config.attacks().get(2);
        assertEquals("PGD", pgd.name());
        assertEquals(2 / 255f, pgd.eps(), 1e-7);
        assertEquals(5, pgd.steps());
        assertEquals("MASKED_BCE", pgd.loss().name());
        GateRule rule = config.rules().get(0);
        assertEquals(GateMetric.DICE_DROP, rule.limits().get(1).metric());
        assertTrue(rule.failOnAlarms());
        assertEquals(GateStatistic.CONFIDENCE_BOUND, config.gateOn());
        assertTrue(config.haltOnFailure());
    }

    /** CORRUPTION is read by the shared parser like any attack: no eps, one spec per kind and severity, limits on each. */
    @Test
    void readsCorruptionsWithoutABudgetOneResultPerKindAndSeverity() throws IOException {
        GateConfiguration config = read("robustgate.yaml", """
                model: models/my-model
                dataset: data/my-heldout
                attacks:
                  - type: CORRUPTION
                    options: {kinds: "gaussian_blur,jpeg", severity: "1,3,5"}
                    limits: {minDice: 0.6}
                """);
        assertEquals(List.of("CORRUPTION kinds=gaussian_blur severity=1", "CORRUPTION kinds=jpeg severity=1",
                "CORRUPTION kinds=gaussian_blur severity=3", "CORRUPTION kinds=jpeg severity=3",
                "CORRUPTION kinds=gaussian_blur severity=5", "CORRUPTION kinds=jpeg severity=5"),
                config.attacks().stream().map(AttackSpec::displayName).toList());
        assertEquals(1, config.rules().size(), "the entry's limit gates every one of its results");
        assertNull(config.rules().get(0).eps());
        assertProblem("attacks[0].eps: CORRUPTION has no budget (its strength is its severity option): leave eps out", """
                attacks: [{type: CORRUPTION, eps: 2/255}]
                """);
        assertProblem("attacks[0]: CORRUPTION: option 'severity' lists 6, which is out of range: list whole numbers from 1 to 5.", """
                attacks: [{type: CORRUPTION, options: {severity: 6}}]
                """);
    }

    /** The CLI page's example is the documentation of the format: it must stay readable. */
    @Test
    void readsTheYamlShownInTheDocs() throws IOException {
        String readme = Files.readString(Path.of("..", "docs", "cli.md"));
        int section = readme.indexOf("# Command line: gating without Maven");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));

        GateConfiguration config = read("robustgate.yaml", yaml);

        assertEquals(folder.resolve("data/my-heldout"), config.dataset());
        assertEquals(java.util.List.of("FGSM", "FGSM", "PGD"), config.attacks().stream().map(AttackSpec::name).toList());
        assertEquals("MASKED_BCE", config.attacks().get(2).loss().name());
        assertEquals(2, config.rules().get(0).limits().size());
        assertEquals(Integer.valueOf(1), config.torchThreads());
    }

    @Test
    void jsonAndYamlReadTheSame() throws IOException {
        GateConfiguration json = read("gate.json", """
                {"rules": [{"attack": "FGSM", "limits": [{"metric": "IOU", "minimum": 0.35}]}], "haltOnFailure": false,
                 "resultsDirectory": "out"}
                """);
        assertNull(json.rules().get(0).eps());
        assertEquals(0.35, json.rules().get(0).limits().get(0).minimum());
        assertEquals(folder.resolve("out"), json.resultsDirectory());
        assertTrue(!json.haltOnFailure());
    }

    @Test
    void errorsNameTheFileAndTheEntry() throws IOException {
        assertProblem("attacks[0].eps: -1/255 is not a positive budget", """
                attacks: [{type: FGSM, eps: -1/255}]
                """);
        assertProblem("attacks[0]: steps is given twice: as attacks[0].steps and as attacks[0].options.steps", """
                attacks: [{type: PGD, eps: 2/255, steps: 5, options: {steps: 10}}]
                """);
        assertProblem("rules[0].limits[0].metric: 'DICEY' is unknown: use one of ", """
                rules: [{attack: PGD, limits: [{metric: DICEY, minimum: 0.5}]}]
                """);
        assertProblem("rules[0].limits[0].minimum: 80 is outside [0,1]", """
                rules: [{attack: PGD, limits: [{metric: DICE, minimum: 80}]}]
                """);
        assertProblem("rules[0].limits[0].minimum: -0.1 is outside [0,1], the range of the Dice: a limit outside it"
                + " could never fail or never pass", """
                rules: [{attack: PGD, limits: [{metric: DICE, minimum: -0.1}]}]
                """);
        assertProblem("attacks[0]: PGD: option 'steps' must be at most 10000 (", """
                attacks: [{type: PGD, eps: 2/255, steps: 1000000000}]
                """);
        assertProblem("rules[0].limits: a rule needs at least one limit", """
                rules: [{attack: PGD}]
                """);
        assertProblem("batchSize: 'many' is not a whole number", """
                batchSize: many
                """);
        assertProblem("atacks: unknown key; allowed here: ", """
                atacks: []
                """);
    }

    @Test
    void brokenSyntaxNamesTheFileAndLine() throws IOException {
        Path file = folder.resolve("broken.json");
        Files.writeString(file, "{\"model\": \"m\",\n \"attacks\": [}\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("(line 2)"), e.getMessage());
    }

    private void assertProblem(String expected, String yaml) throws IOException {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read("robustgate.yaml", yaml));
        assertTrue(e.getMessage().startsWith(folder.resolve("robustgate.yaml") + ": " + expected), e.getMessage());
    }

    private GateConfiguration read(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return ConfigFile.read(file);
    }
}
