package io.robustgate.junit;

import io.robustgate.evaluation.RobustnessResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of one test method's invocations, gathered so that its last invocation can draw the
 * robustness curve over all the budgets the method swept.
 */
final class MethodResults {

    private final int invocations;
    private final List<RobustnessResult> results = new ArrayList<>();

    MethodResults(int invocations) {
        this.invocations = invocations;
    }

    int invocations() {
        return invocations;
    }

    synchronized void add(RobustnessResult result) {
        results.add(result);
    }

    synchronized List<RobustnessResult> results() {
        return List.copyOf(results);
    }
}
