package io.robustgate.attack;

import java.util.List;

/**
 * An attack as the registry knows it: its name, what it does in one line, its threat model, the
 * options it takes, and how to build it from a validated {@link AttackSpec}. Register one of your
 * own by listing its class (public, with a no-argument constructor) in
 * {@code META-INF/services/io.robustgate.attack.AttackDefinition}; every front-end (annotation, POM,
 * reports) then runs it by name.
 */
public interface AttackDefinition {

    /** The registry key, e.g. {@code APGD}; matched case-insensitively. */
    String name();

    /** One line for help texts and reports. */
    String description();

    /** Every option the attack takes, with defaults; anything else given to it is an error. */
    List<AttackOption> options();

    /** The attack for one spec, whose options are complete and valid. */
    Attack create(AttackSpec spec);

    /** The ball eps is a radius of. */
    default ThreatModel threatModel() {
        return ThreatModel.LINF;
    }

    /** Whether eps is a radius this attack is held to; false for {@link ThreatModel#NONE}, whose eps is left out. */
    default boolean hasBudget() {
        return threatModel() != ThreatModel.NONE;
    }

    /**
     * The specs one configured spec runs as, each its own result, in order: the spec itself for
     * most attacks; an option that lists several settings of one run (CORRUPTION's kinds and
     * severities) expands here, so that every front-end expands it alike.
     */
    default List<AttackSpec> expand(AttackSpec spec) {
        return List.of(spec);
    }

    /**
     * A rank for the "weaker attack beats a stronger one" alarm: within one threat model, budget
     * and loss, an attack of higher strength should never leave a sample with a higher Dice than one
     * of lower strength (FGSM 1 against the iterative attacks' 2). 0: unranked, never compared.
     */
    default int strength() {
        return 0;
    }
}
