package io.robustgate.evaluation;

/**
 * The analyses an evaluation runs on top of the attack at its budget. Prompt robustness (every
 * prompt of an image compared) is always measured when the set has several prompts per image
 * ({@code prompt=all}); these options add what costs extra attack runs.
 *
 * @param promptTransfer evaluate the perturbation crafted under each prompt under every other prompt
 *     of the same image (the attack runs once more per sample)
 * @param critical the Dice threshold of the critical-budget search; null: no search
 * @param criticalStep the bisection's resolution in [0,1] pixel units (default 0.5/255)
 * @param curvePoints budgets of the Dice-against-eps curve, evenly spaced in (0, eps]; 0: no curve
 */
public record Analyses(boolean promptTransfer, CriticalThreshold critical, float criticalStep, int curvePoints) {

    /** More points than this only repeat the attack: the curve's shape is set by a dozen. */
    public static final int MAX_CURVE_POINTS = 100;

    public static final float DEFAULT_CRITICAL_STEP = 0.5f / 255f;

    public static final Analyses NONE = new Analyses(false, null, DEFAULT_CRITICAL_STEP, 0);

    public Analyses {
        if (!(criticalStep > 0 && criticalStep <= 1)) {
            throw new IllegalArgumentException("criticalStep " + criticalStep + " must lie in (0,1], e.g. 0.5/255");
        }
        if (curvePoints < 0 || curvePoints == 1) {
            throw new IllegalArgumentException("curvePoints must be 0 (no curve) or at least 2 but is " + curvePoints);
        }
        if (curvePoints > MAX_CURVE_POINTS) {
            throw new IllegalArgumentException("curvePoints must be at most " + MAX_CURVE_POINTS + " (each point attacks the"
                    + " whole set again; 8 to 16 draw a smooth curve) but is " + curvePoints);
        }
    }

    public Analyses withPromptTransfer(boolean value) {
        return new Analyses(value, critical, criticalStep, curvePoints);
    }

    public Analyses withCritical(CriticalThreshold value) {
        return new Analyses(promptTransfer, value, criticalStep, curvePoints);
    }

    public Analyses withCriticalStep(float value) {
        return new Analyses(promptTransfer, critical, value, curvePoints);
    }

    public Analyses withCurvePoints(int value) {
        return new Analyses(promptTransfer, critical, criticalStep, value);
    }

    public boolean any() {
        return promptTransfer || critical != null || curvePoints > 0;
    }
}
