package io.robustgate.maven;

import io.robustgate.gate.GateViolation;
import io.robustgate.gate.RuleCheck;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.results.ResultsDocument;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when recorded robustness results break the configured rules, like
 * {@code jacoco:check} does for coverage. Reads every results JSON under {@code resultsDirectory}
 * (from {@code robustgate:evaluate} and from {@code @AdversarialRobustness} tests).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractGateMojo {

    static final String FAILURE_MESSAGE = "Robustness checks have not been met. See log for details.";

    /** With {@code false}, violations are logged as warnings and the build goes on. */
    @Parameter(property = "robustgate.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("check")) {
            return;
        }
        if (!hasRules()) {
            throw new MojoExecutionException("rules: robustgate:check needs at least one <rule> to check, e.g. "
                    + "<rule><attack>PGD</attack><eps>2/255</eps><limits><limit><metric>DICE</metric>"
                    + "<minimum>0.80</minimum></limit></limits></rule>");
        }
        RuleCheck check = ruleCheck();
        BuildResults results = readResults();
        List<ResultsDocument> documents = results.fresh();
        getLog().info(String.format("Checking %d robustness result(s) from %d file(s) under %s against %d rule(s)",
                allResults(documents).size(), documents.size(), resultsDirectory, check.rules().size()));
        List<RuleOutcome> outcomes = check.check(allResults(documents));
        for (RuleOutcome outcome : outcomes) {
            if (outcome.passed()) {
                getLog().info("Rule " + outcome.rule().displayName() + " passed: " + String.join("; ", outcome.measurements()));
            } else if (outcome.matchedNothing()) {
                results.staleMatch(outcome.rule())
                        .ifPresent(stale -> getLog().error(BuildResults.missingBecauseStale(outcome.rule(), stale)));
            }
        }
        List<GateViolation> violations = RuleCheck.violations(outcomes);
        for (GateViolation violation : violations) {
            getLog().warn(violation.message());
        }
        if (violations.isEmpty()) {
            getLog().info("All robustness checks have been met.");
        } else if (haltOnFailure) {
            throw new MojoFailureException(FAILURE_MESSAGE);
        } else {
            getLog().warn(FAILURE_MESSAGE + " (haltOnFailure=false: the build goes on)");
        }
    }
}
