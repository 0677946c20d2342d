package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * The adversarial batch and, for a composite attack, per sample the member that produced it and
 * every member's Dice (empty lists otherwise).
 */
public record AttackOutcome(NDArray adversarial, List<String> winners, List<Map<String, Double>> memberDice) {

    public AttackOutcome {
        winners = winners == null ? List.of() : List.copyOf(winners);
        memberDice = memberDice == null ? List.of() : List.copyOf(memberDice);
    }

    public static AttackOutcome of(NDArray adversarial) {
        return new AttackOutcome(adversarial, List.of(), List.of());
    }
}
