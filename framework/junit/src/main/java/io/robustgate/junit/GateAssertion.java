package io.robustgate.junit;

import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.GateViolation;
import io.robustgate.gate.RobustnessGate;
import java.util.List;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/** Fails a test on a gate's violations: all of them at once, each message with its numbers. */
final class GateAssertion {

    private GateAssertion() {}

    static void assertPassed(RobustnessGate gate, RobustnessResult result) {
        List<GateViolation> violations = gate.check(result);
        if (violations.size() == 1) {
            throw new AssertionFailedError(violations.get(0).message());
        }
        if (violations.size() > 1) {
            throw new MultipleFailuresError(result.displayName() + " failed " + violations.size() + " robustness gates",
                    violations.stream().map(v -> (Throwable) new AssertionFailedError(v.message())).toList());
        }
    }
}
