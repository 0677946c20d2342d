package io.robustgate.attack;

/** The white-box attacks RobustGate runs. */
public enum AttackType {
    /** Fast Gradient Sign Method: one signed-gradient step of size eps. */
    FGSM,
    /** Projected Gradient Descent under L∞ (Madry et al.), {@code steps} signed steps projected onto the eps-ball. */
    PGD
}
