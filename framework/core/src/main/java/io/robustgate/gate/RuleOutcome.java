package io.robustgate.gate;

import io.robustgate.evaluation.RobustnessResult;
import java.util.List;

/**
 * What one {@link GateRule} found: the results it matched, the violations among them (or the single
 * violation of matching nothing), and for a passed rule the measured values it compared.
 *
 * @param failedResults the matched results with at least one violation
 * @param measurements  one line per matched result and limit, e.g. {@code Dice 0.853 ≥ minDice 0.800}
 */
public record RuleOutcome(GateRule rule, List<RobustnessResult> matched, List<RobustnessResult> failedResults,
        List<GateViolation> violations, List<String> measurements) {

    public RuleOutcome {
        matched = List.copyOf(matched);
        failedResults = List.copyOf(failedResults);
        violations = List.copyOf(violations);
        measurements = List.copyOf(measurements);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    public boolean matchedNothing() {
        return matched.isEmpty();
    }
}
