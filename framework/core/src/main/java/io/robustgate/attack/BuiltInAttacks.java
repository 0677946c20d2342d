package io.robustgate.attack;

import java.util.List;

/**
 * The attacks RobustGate ships, registered before any of the class path's. Strength ranks feed
 * the "weaker attack beat a stronger one" alarm, which compares attacks on the same loss: a single
 * step (1) against iterative attacks (2); the ensemble (3) has no single loss.
 */
final class BuiltInAttacks {

    static final String DEFAULT_ENSEMBLE =
            "APGD(loss=BCE); APGD(loss=MASKED_BCE); APGD(loss=SOFT_DICE); SEGPGD";

    private BuiltInAttacks() {}

    static List<AttackDefinition> all() {
        List<AttackOption> fixedLossPgd = List.of(CommonOptions.steps(40), CommonOptions.ALPHA, CommonOptions.RANDOM_START,
                CommonOptions.SEED, CommonOptions.SPACE, CommonOptions.KEEP_BEST);
        return List.of(
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
                                CommonOptions.RANDOM_START, CommonOptions.SEED, CommonOptions.SPACE), 2,
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
                        EnsembleAttack::new));
    }
}
