package io.robustgate.attack;

import java.util.List;

/**
 * The attacks RobustGate ships, registered before any of the class path's. Strength ranks feed
 * the "weaker attack beat a stronger one" alarm, which compares attacks on the same loss: a single
 * step or the black-box Square attack (1) against the iterative white-box attacks (2) — a search
 * without gradients that beats gradient ascent suggests masked gradients; the ensemble (3) has no
 * single loss.
 */
final class BuiltInAttacks {

    /**
     * Strongest first, so that with early exit the later members run only on what it left above
     * Dice 0: on the sample model at 2/255, APGD with the soft-Dice loss gave the kept image on 47 of
     * 48 samples, and its mean Dice (0.122) was the ensemble's (sample-project README, attack table).
     */
    static final String DEFAULT_ENSEMBLE =
            "APGD(loss=SOFT_DICE); APGD(loss=BCE); APGD(loss=MASKED_BCE); SEGPGD";

    private BuiltInAttacks() {}

    static List<AttackDefinition> all() {
        List<AttackOption> fixedLossPgd = List.of(CommonOptions.steps(40), CommonOptions.ALPHA, CommonOptions.RANDOM_START,
                CommonOptions.SEED, CommonOptions.SPACE, CommonOptions.KEEP_BEST);
        return List.<AttackDefinition>of(
                new BuiltInAttack(AttackNames.FGSM, "Fast Gradient Sign Method: one signed gradient step of size eps",
                        ThreatModel.LINF, List.of(CommonOptions.loss(AttackLoss.BCE.name()), CommonOptions.SPACE), 1,
                        FgsmAttack::new),
                new BuiltInAttack(AttackNames.PGD, "PGD under L∞ (Madry et al. 2018): signed steps projected onto the eps-ball",
                        ThreatModel.LINF, CommonOptions.pgd(40), 2,
                        spec -> new PgdAttack(spec, ThreatModel.LINF, spec.loss())),
                new BuiltInAttack(AttackNames.SEGPGD, "SegPGD (Gu et al. 2022): PGD weighting correct and wrong pixels on a schedule",
                        ThreatModel.LINF, fixedLossPgd, 2,
                        spec -> new PgdAttack(spec, ThreatModel.LINF, AttackLoss.SEGPGD)),
                new BuiltInAttack(AttackNames.COSPGD, "CosPGD (Agnihotri et al. 2024): PGD weighting pixels by prediction-target cosine similarity",
                        ThreatModel.LINF, fixedLossPgd, 2,
                        spec -> new PgdAttack(spec, ThreatModel.LINF, AttackLoss.COSPGD)),
                new BuiltInAttack(AttackNames.APGD, "Auto-PGD under L∞ (Croce & Hein 2020): momentum and automatic step-size halving",
                        ThreatModel.LINF, List.of(CommonOptions.steps(100), CommonOptions.loss(AttackLoss.BCE.name()).shownInName(),
                                CommonOptions.RANDOM_START, CommonOptions.SEED, CommonOptions.SPACE, CommonOptions.EOT), 2,
                        ApgdAttack::new),
                new BuiltInAttack(AttackNames.PGD_L2, "PGD under L2: normalised gradient steps projected onto the L2 ball of radius eps",
                        ThreatModel.L2, List.of(CommonOptions.steps(40), CommonOptions.ALPHA, CommonOptions.RANDOM_START,
                                CommonOptions.SEED, CommonOptions.loss(AttackLoss.BCE.name())), 2,
                        spec -> new PgdAttack(spec, ThreatModel.L2, spec.loss())),
                new BuiltInAttack(AttackNames.ENSEMBLE, "Worst case per sample over member attacks (after SEA, Croce et al. 2024)",
                        ThreatModel.LINF, List.of(
                                AttackOption.text("members", DEFAULT_ENSEMBLE,
                                        "member attacks, ';'-separated, options in brackets: APGD(loss=MASKED_BCE)"),
                                CommonOptions.SEED, CommonOptions.SPACE), 3,
                        EnsembleAttack::new),
                new BuiltInAttack(AttackNames.SQUARE, "Square Attack under L∞ (Andriushchenko et al. 2020): black-box random search over square patches, losses only",
                        ThreatModel.LINF, List.of(
                                AttackOption.integer("queries", 1000, 1, 100_000,
                                        "the Square Attack paper uses 10,000; each query is a forward pass per sample",
                                        "loss queries per sample, the stripes' one included").shownInName(),
                                AttackOption.number("pInit", 0.8f, 0f, 1f,
                                        "share of the image the first squares cover, halved on the paper's schedule"),
                                CommonOptions.SEED, CommonOptions.loss(AttackLoss.BCE.name())), 1,
                        SquareAttack::new),
                new BuiltInAttack(AttackNames.UNIVERSAL, "Universal perturbation (Metzen et al. 2017): one delta for every image, fitted on other samples",
                        ThreatModel.LINF, List.of(
                                AttackOption.text("fitSplit", "",
                                        "another split of the held-out set's root to fit on (e.g. train); empty: use fitFraction"),
                                AttackOption.number("fitFraction", 0.5f, 0f, 0.99f,
                                        "share of the held-out set fitted on, the rest evaluated; 0 fits and evaluates the whole set"),
                                AttackOption.integer("epochs", 10, 1, 1_000,
                                        "each epoch is a gradient pass over every fitting sample; tens suffice",
                                        "signed-gradient steps, each over all fitting samples").shownInName(),
                                AttackOption.number("step", 0f, 0f, 1f, "step size; 0 means 2.5·eps/epochs").zeroMeans("2.5·eps/epochs"),
                                CommonOptions.SEED, CommonOptions.loss(AttackLoss.BCE.name())), 0,
                        UniversalAttack::new),
                new io.robustgate.corruption.CorruptionDefinition(),
                new BuiltInAttack(AttackNames.VANISH, "Targeted L∞ attack (after DAG, Xie et al. 2017): drives the predicted foreground to empty",
                        ThreatModel.LINF, targeted("vanishShare", "a sample stops once its predicted foreground is at most this share of the clean one"), 0,
                        VanishAttack::new),
                new BuiltInAttack(AttackNames.HALLUCINATE, "Targeted L∞ attack (after DAG, Xie et al. 2017): draws foreground on a seeded square away from the true lesion",
                        ThreatModel.LINF, targeted("missingShare", "a sample stops once at most this share of its target square is left to flip"), 0,
                        HallucinateAttack::new));
    }

    /** A targeted attack's options; its share, 0.01, is DAG's "fewer than 1% of the target pixels left". */
    private static List<AttackOption> targeted(String share, String shareDoc) {
        return List.of(CommonOptions.steps(40), CommonOptions.ALPHA, CommonOptions.RANDOM_START, CommonOptions.SEED,
                CommonOptions.SPACE, AttackOption.number(share, 0.01f, 0f, 1f, shareDoc));
    }
}
