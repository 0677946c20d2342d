package io.robustgate.cli;

import io.robustgate.gate.GateViolation;
import io.robustgate.gate.RuleCheck;
import io.robustgate.gate.RuleOutcome;
import io.robustgate.results.ResultsDocument;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code robustgate:check} for the command line: every rule against every result, each passed rule
 * with its measurements, each violation with core's message, then one summary line. A rule that
 * matches no result is a violation, so a dropped attack cannot pass its gate.
 */
final class GateCheck {

    static final String FAILURE_MESSAGE = "Robustness checks have not been met.";

    private GateCheck() {}

    /** The exit code: {@link ExitCode#GATE_FAILED} on any violation unless {@code haltOnFailure} is off. */
    static int run(GateConfiguration config, List<ResultsDocument> documents, PrintStream out, PrintStream err) {
        RuleCheck check = config.ruleCheck();
        List<RuleOutcome> outcomes = check.check(documents.stream().flatMap(d -> d.results().stream()).toList());
        for (RuleOutcome outcome : outcomes) {
            if (outcome.passed()) {
                out.println("Rule " + outcome.rule().displayName() + " passed: " + String.join("; ", outcome.measurements()));
            }
        }
        List<GateViolation> violations = RuleCheck.violations(outcomes);
        for (GateViolation violation : violations) {
            err.println(violation.message());
        }
        long passed = outcomes.stream().filter(RuleOutcome::passed).count();
        String counts = String.format("%d of %d rule(s) passed, %d violation(s), %d result(s) from %d file(s), gate on %s",
                passed, outcomes.size(), violations.size(), ResultsInput.resultCount(documents), documents.size(), config.gateOn());
        if (violations.isEmpty()) {
            out.println("RobustGate PASSED: " + counts);
            return ExitCode.PASSED;
        }
        if (!config.haltOnFailure()) {
            err.println("RobustGate FAILED (haltOnFailure: false, exit 0): " + counts + ". " + FAILURE_MESSAGE);
            return ExitCode.PASSED;
        }
        err.println("RobustGate FAILED: " + counts + ". " + FAILURE_MESSAGE);
        return ExitCode.GATE_FAILED;
    }
}
