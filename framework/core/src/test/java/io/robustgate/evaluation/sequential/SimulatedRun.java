package io.robustgate.evaluation.sequential;

/** What one simulated sequential evaluation ended with, as {@code {wrong, images attacked, exhausted}}, and sums of them. */
final class SimulatedRun {

    private SimulatedRun() {}

    /** A run is wrong when any limit ends decided against its truth (the full set's, or the population's, verdict). */
    static long[] outcome(SequentialDecision decision, Decision[] truth) {
        boolean wrong = false;
        for (int i = 0; i < truth.length; i++) {
            Decision d = decision.decision(i);
            wrong |= d != Decision.UNDECIDED && d != truth[i];
        }
        return new long[] {wrong ? 1 : 0, decision.imagesAttacked(), decision.exhausted() ? 1 : 0};
    }

    static long[] sum(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }
}
