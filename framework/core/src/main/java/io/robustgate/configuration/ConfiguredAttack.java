package io.robustgate.configuration;

import io.robustgate.attack.AttackSpec;
import io.robustgate.evaluation.Analyses;
import io.robustgate.gate.GateRule;
import io.robustgate.gate.GateStatistic;
import io.robustgate.gate.Limit;
import io.robustgate.gate.RobustnessGate;
import io.robustgate.gate.SequentialGate;
import io.robustgate.evaluation.sequential.SequentialPlan;
import java.util.List;
import java.util.Optional;

/**
 * One configured attack, as {@link AttackOptions#parse} reads it from any front-end: the attack at
 * each of its budgets, what is measured around it, and the limits its results must meet.
 *
 * @param source where it was written ({@code attacks[1]}, {@code @AdversarialRobustness on T#m})
 * @param gateOn the statistic gated; null when the entry leaves it to the front-end's default
 * @param sequential whether the entry itself asks for a sequential evaluation of its limits
 */
public record ConfiguredAttack(String source, List<AttackSpec> specs, Analyses analyses, List<Limit> limits,
        GateStatistic gateOn, boolean failOnAlarms, boolean sequential) {

    public ConfiguredAttack {
        specs = List.copyOf(specs);
        limits = List.copyOf(limits);
    }

    /** The gate of the attack's own limits (the annotation's), gating on {@code fallback} unless the entry names a statistic. */
    public RobustnessGate gate(GateStatistic fallback) {
        return new RobustnessGate(limits, gateOn == null ? fallback : gateOn, failOnAlarms);
    }

    /**
     * The plan deciding this attack's limits sequentially when the entry, or the whole evaluation
     * ({@code evaluationSequential}: the plugin's {@code <sequential>}, the YAML's top-level {@code sequential}), asks
     * for it; empty for a full run, which is also what an attack without limits gets under an evaluation-wide flag.
     *
     * @throws IllegalArgumentException when its limits cannot be decided sequentially ({@link SequentialGate#plan})
     */
    public Optional<SequentialPlan> sequentialPlan(boolean evaluationSequential, GateStatistic fallback) {
        if (!(sequential || evaluationSequential) || limits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SequentialGate.plan(gate(fallback)));
    }

    /**
     * The attack's limits as one rule per budget for {@code check}; none when it sets no limit. An
     * attack without a budget (eps 0, CORRUPTION) gets one rule for all its results.
     */
    public List<GateRule> rules() {
        if (limits.isEmpty()) {
            return List.of();
        }
        return specs.stream().map(spec -> new GateRule(spec.name(), spec.eps() == 0 ? null : spec.eps(), limits, failOnAlarms))
                .distinct().toList();
    }
}
