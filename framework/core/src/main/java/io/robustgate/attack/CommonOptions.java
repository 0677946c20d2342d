package io.robustgate.attack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Options many attacks share, declared once so that every attack names, documents and validates
 * them the same way. An attack lists the ones it takes in its {@link AttackDefinition#options()}.
 */
public final class CommonOptions {

    public static final long DEFAULT_SEED = 42L;

    /**
     * Published evaluations use 100 (AutoAttack's APGD) to a few thousand steps; on a CPU 10,000
     * already take hours per batch, so more is a typo, not a stronger evaluation.
     */
    public static final int MAX_STEPS = 10_000;

    static final String STEPS_WHY = "strong evaluations use 100 to a few thousand; 10,000 already take hours per batch";

    /** Iterations; attacks set their own default. */
    public static AttackOption steps(int defaultValue) {
        return AttackOption.integer("steps", defaultValue, 1, MAX_STEPS, STEPS_WHY, "iterations (gradient steps)").shownInName();
    }

    /** Step size in the budget's units; 0 means {@code 2.5·eps/steps}, enough to reach the edge of the budget. */
    public static final AttackOption ALPHA = AttackOption.number("alpha", 0f, 0f, Float.MAX_VALUE,
            "step size; 0 means 2.5·eps/steps").zeroMeans("2.5·eps/steps");

    public static final AttackOption RANDOM_START = AttackOption.bool("randomStart", true,
            "start from a uniform random point of the budget, seeded per sample");

    public static final AttackOption SEED = AttackOption.seed("seed", DEFAULT_SEED,
            "seed of per-sample randomness; a sample's seed also depends on its identity, not its batch");

    /** The loss maximised, from {@link AttackLosses}; attacks set their own default. */
    public static AttackOption loss(String defaultValue) {
        return AttackOption.choice("loss", defaultValue, AttackLosses::names, "loss maximised: " + AttackLosses.namesText());
    }

    public static final AttackOption SPACE = AttackOption.choice("space", BudgetSpace.PIXEL.name(),
            () -> Arrays.stream(BudgetSpace.values()).map(Enum::name).toList(),
            "units of eps and alpha: PIXEL ([0,1] pixels) or NORMALIZED (per channel eps·std)");

    public static final AttackOption KEEP_BEST = AttackOption.bool("keepBest", false,
            "return per sample the iterate with the lowest Dice instead of the last one");

    /**
     * Expectation over Transformation (Athalye et al., ICML 2018): gradient passes averaged per step,
     * for models that transform their input at random; each costs a gradient pass.
     */
    public static final AttackOption EOT = AttackOption.integer("eot", 1, 1, 1_000,
            "each sample costs a gradient pass; tens suffice for a random resize", "gradient passes averaged per step (Expectation over Transformation)");

    /** The options of a PGD-style L∞ attack with a loss of the user's choice. */
    public static List<AttackOption> pgd(int steps) {
        return List.of(steps(steps), ALPHA, RANDOM_START, SEED, loss(AttackLoss.BCE.name()), SPACE, KEEP_BEST, EOT);
    }

    /** The {@link #EOT} samples {@code spec} asks for; 1 for an attack without the option. */
    static int eot(AttackSpec spec) {
        return ((Number) spec.option(EOT.name(), 1)).intValue();
    }

    /**
     * {@code " eot=8"} for an attack averaging 8 passes per step, nothing for 1: an attack with
     * Expectation over Transformation is another attack and must not share plain PGD's name in a
     * table, while plain PGD keeps the name its results and gates already use.
     */
    static String eotInName(Map<String, Object> resolvedOptions) {
        Object samples = resolvedOptions.get(EOT.name());
        return samples instanceof Number n && n.intValue() > 1 ? " " + EOT.name() + "=" + n.intValue() : "";
    }

    private CommonOptions() {}
}
