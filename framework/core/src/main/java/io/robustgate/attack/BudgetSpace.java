package io.robustgate.attack;

/** Units of eps and alpha. */
public enum BudgetSpace {
    /** Pixel values in [0,1]: what a person can see, and the default. */
    PIXEL,
    /**
     * Units of the model's normalised input: per channel the budget is {@code eps·std}. Only to
     * reproduce published numbers that (wrongly) budgeted after normalisation.
     */
    NORMALIZED
}
