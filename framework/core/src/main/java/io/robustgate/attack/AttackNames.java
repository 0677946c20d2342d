package io.robustgate.attack;

/**
 * Names of the attacks RobustGate ships, as constants for annotations and code:
 * {@code @AdversarialRobustness(attack = APGD, ...)}. Attacks are looked up by name in the
 * {@link AttackRegistry}, case-insensitively; an attack of one's own needs no constant here.
 */
public final class AttackNames {

    /** Fast Gradient Sign Method, one signed step. */
    public static final String FGSM = "FGSM";
    /** Projected gradient descent under L∞ (Madry et al. 2018). */
    public static final String PGD = "PGD";
    /** PGD with SegPGD's schedule of correct/wrong pixel weights (Gu et al. 2022). */
    public static final String SEGPGD = "SEGPGD";
    /** PGD with CosPGD's cosine-similarity pixel weights (Agnihotri et al. 2024). */
    public static final String COSPGD = "COSPGD";
    /** Auto-PGD under L∞ (Croce &amp; Hein 2020). */
    public static final String APGD = "APGD";
    /** Projected gradient descent under L2. */
    public static final String PGD_L2 = "PGD_L2";
    /** Per sample, the worst case over several attacks. */
    public static final String ENSEMBLE = "ENSEMBLE";
    /** Score-based black-box Square Attack under L∞ (Andriushchenko et al. 2020): losses only, no gradients. */
    public static final String SQUARE = "SQUARE";
    /** One universal perturbation for every image, fitted on other samples (Metzen et al. 2017). */
    public static final String UNIVERSAL = "UNIVERSAL";

    /** Image corruptions at severities 1–5 (after ImageNet-C, Hendrycks &amp; Dietterich 2019): no gradient, no budget. */
    public static final String CORRUPTION = "CORRUPTION";

    /** Targeted L∞ attack driving the predicted foreground to empty: the lesion vanishes (after DAG, Xie et al. 2017). */
    public static final String VANISH = "VANISH";

    /** Targeted L∞ attack drawing foreground on a seeded square away from the true lesion (after DAG, Xie et al. 2017). */
    public static final String HALLUCINATE = "HALLUCINATE";

    private AttackNames() {}
}
