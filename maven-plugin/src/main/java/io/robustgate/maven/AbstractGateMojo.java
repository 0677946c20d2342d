package io.robustgate.maven;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.configuration.OptionMap;
import io.robustgate.configuration.OptionValues;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.RuleCheck;
import io.robustgate.results.ResultsDocument;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code check} and {@code report} share: where the results JSON lies and the rules that
 * judge it. Declared once at plugin level, the same {@code <rules>} serve both goals.
 */
public abstract class AbstractGateMojo extends AbstractMojo {

    /**
     * Folder searched recursively for results JSON: {@code robustgate:evaluate} writes
     * {@code evaluate.json} there and the JUnit extension writes under {@code junit/}.
     */
    @Parameter(property = "robustgate.resultsDirectory", defaultValue = "${project.build.directory}/robustgate")
    File resultsDirectory;

    /**
     * Each rule names an attack ({@code FGSM}, {@code PGD}), optionally a budget {@code eps}
     * ({@code 2/255} or a decimal; absent: every budget), and {@code limits}, each a {@code metric}
     * ({@code DICE}, {@code IOU}, {@code DICE_DROP}, {@code IOU_DROP}; {@code WORST_PROMPT_DICE},
     * {@code PROMPT_SPREAD}, {@code MEDIAN_CRITICAL_EPS}, {@code CURVE_AREA} on results whose
     * analyses measured them) with a {@code minimum} and/or
     * {@code maximum}. A rule that matches no recorded result is a violation.
     */
    @Parameter
    List<RuleConfiguration> rules;

    /**
     * {@code MEAN} compares the mean over the held-out set with each limit; {@code CONFIDENCE_BOUND}
     * compares the pessimistic end of its bootstrap 95% interval, so a small set cannot pass by luck.
     */
    @Parameter(property = "robustgate.gateOn", defaultValue = "MEAN")
    String gateOn;

    /** Skips the goal. */
    @Parameter(property = "robustgate.skip", defaultValue = "false")
    boolean skip;

    /** Tests skipped ({@code -DskipTests}) means no results to gate: the goal skips with a warning. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /** Same as {@code skipTests}, for {@code -Dmaven.test.skip}. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean mavenTestSkip;

    /**
     * Also use results files written before this Maven build started. Off by default, so that the
     * results of a deleted test or a dropped attack cannot pass a gate in a build without
     * {@code clean}; turn it on when the results come from elsewhere, e.g. an earlier CI job.
     */
    @Parameter(property = "robustgate.acceptEarlierResults", defaultValue = "false")
    boolean acceptEarlierResults;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** When this build started; results written before it are stale. Set directly by unit tests. */
    Instant buildStart;

    /**
     * The {@code <attacks>} of {@code evaluate}, when configured at plugin level: an attack's
     * {@code <limits>} gate its results as a rule for each of its budgets.
     */
    @Parameter
    List<AttackConfiguration> attacks;

    boolean hasRules() {
        return rules != null && !rules.isEmpty() || attacks != null && attacks.stream().anyMatch(AttackConfiguration::hasLimits);
    }

    /** The configured rules, validated; every problem names its parameter, e.g. {@code rules[0].limits[1].metric}. */
    RuleCheck ruleCheck() throws MojoExecutionException {
        GateStatistic statistic;
        try {
            statistic = OptionValues.constant(OptionMap.path("").put("gateOn", gateOn), "gateOn", GateStatistic.class);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        List<GateRule> gateRules = new ArrayList<>();
        if (rules != null) {
            for (int i = 0; i < rules.size(); i++) {
                gateRules.add(rules.get(i).toRule("rules[" + i + "]"));
            }
        }
        for (int i = 0; attacks != null && i < attacks.size(); i++) {
            if (attacks.get(i).hasLimits()) {
                gateRules.addAll(attacks.get(i).configured("attacks[" + i + "]").rules());
            }
        }
        return new RuleCheck(gateRules, statistic);
    }

    boolean skipped(String goal) {
        return SkipReason.skipped(getLog(), goal, skip, skipTests, mavenTestSkip);
    }

    /** The start of this build, or {@code null} when every file counts ({@code acceptEarlierResults}). */
    Instant freshSince() {
        if (acceptEarlierResults) {
            return null;
        }
        if (buildStart == null && session != null) {
            buildStart = session.getStartTime().toInstant();
        }
        return buildStart;
    }

    /** The results this build wrote; a warning names each older file that is left out. */
    BuildResults readResults() throws MojoExecutionException {
        Path directory = resultsDirectory.toPath().toAbsolutePath().normalize();
        Instant since = freshSince();
        try {
            BuildResults results = BuildResults.read(directory, since);
            results.staleWarning(directory, since).ifPresent(getLog()::warn);
            return results;
        } catch (IllegalArgumentException | io.robustgate.InputFileException | java.io.UncheckedIOException e) {
            // A results file that is not JSON, of an unknown schema or with impossible figures: named, never a stack trace.
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    static List<RobustnessResult> allResults(List<ResultsDocument> documents) {
        return documents.stream().flatMap(d -> d.results().stream()).toList();
    }
}
