package io.robustgate.gate;

import io.robustgate.evaluation.RobustnessResult;
import java.util.List;

/**
 * One result a rule matched, with what the rule found on it.
 *
 * @param measurements one line per limit, e.g. {@code PGD eps=2/255 steps=40: Dice 0.853 ≥ minDice 0.800}
 */
public record CheckedResult(RobustnessResult result, List<GateViolation> violations, List<String> measurements) {

    public CheckedResult {
        violations = List.copyOf(violations);
        measurements = List.copyOf(measurements);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
