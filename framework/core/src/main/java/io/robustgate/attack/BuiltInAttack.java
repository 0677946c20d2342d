package io.robustgate.attack;

import java.util.List;
import java.util.function.Function;

/** A definition of one of the attacks RobustGate ships: the fields an {@link AttackDefinition} reports. */
record BuiltInAttack(String name, String description, ThreatModel threatModel, List<AttackOption> options, int strength,
        Function<AttackSpec, Attack> factory) implements AttackDefinition {

    @Override
    public Attack create(AttackSpec spec) {
        return factory.apply(spec);
    }
}
