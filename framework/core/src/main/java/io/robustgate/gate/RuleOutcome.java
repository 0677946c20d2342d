package io.robustgate.gate;

import io.robustgate.evaluation.RobustnessResult;
import java.util.List;

/**
 * What one {@link GateRule} found: each result it matched with its violations, and all violations,
 * which for a rule that matched nothing is the single violation of matching nothing.
 */
public record RuleOutcome(GateRule rule, List<CheckedResult> checked, List<GateViolation> violations) {

    public RuleOutcome {
        checked = List.copyOf(checked);
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    public boolean matchedNothing() {
        return checked.isEmpty();
    }

    public List<RobustnessResult> matched() {
        return checked.stream().map(CheckedResult::result).toList();
    }

    public List<RobustnessResult> failedResults() {
        return checked.stream().filter(c -> !c.passed()).map(CheckedResult::result).toList();
    }

    /** Every measured value of every matched result, for the log line of a passed rule. */
    public List<String> measurements() {
        return checked.stream().flatMap(c -> c.measurements().stream()).toList();
    }

    /**
     * The violations this rule found on {@code result}. Compared by identity: two runs of the same
     * attack recorded by different sources are different results even when their figures agree.
     */
    public List<GateViolation> violationsOf(RobustnessResult result) {
        return checked.stream().filter(c -> c.result() == result).flatMap(c -> c.violations().stream()).toList();
    }

    public boolean matches(RobustnessResult result) {
        return checked.stream().anyMatch(c -> c.result() == result);
    }
}
