package io.robustgate.attack;

/**
 * An attack that aims at a chosen prediction rather than at Dice 0 (VANISH: an empty mask). The
 * evaluator's early exit at the Dice floor ({@link FloorExit}) would stop such a sample at the
 * wrong point — a prediction that left the true mask but did not vanish has Dice 0 — so these
 * attacks get an objective without it and exit per sample on their own target.
 */
public interface TargetedAttack extends Attack {}
