package io.robustgate.report;

/**
 * One line of the robustness summary: where a result came from, its attack and budget, the clean
 * and attacked means, the gate's verdict and the gradient-masking alarms ({@code none} or kinds with
 * sample counts).
 */
public record SummaryRow(
        String source,
        String model,
        String dataset,
        String attack,
        String eps,
        int samples,
        double cleanDice,
        double adversarialDice,
        double diceDrop,
        double cleanIou,
        double adversarialIou,
        double iouDrop,
        Verdict verdict,
        String alarms) {

    /** The gate's word on one result. */
    public enum Verdict {
        /** Every rule that matched it was met. */
        PASSED,
        /** At least one matching rule was violated. */
        FAILED,
        /** No rule matched it (or no rules were configured). */
        NOT_GATED;

        public String label() {
            return switch (this) {
                case PASSED -> "passed";
                case FAILED -> "FAILED";
                case NOT_GATED -> "not gated";
            };
        }
    }
}
