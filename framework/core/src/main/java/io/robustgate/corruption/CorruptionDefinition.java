package io.robustgate.corruption;

import io.robustgate.attack.Attack;
import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackOption;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.CommonOptions;
import io.robustgate.attack.ThreatModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code CORRUPTION}: image corruptions as a family of perturbations next to the attacks, gated by
 * the same limits through every front-end. It has no budget ({@link ThreatModel#NONE}: eps is left
 * out); its strength is {@code severity}. One configured entry lists {@code kinds} and
 * severities and expands into one result per kind and severity
 * ({@code CORRUPTION kinds=jpeg severity=3}), or with {@code worst=true} into one result per
 * severity holding, per sample, the worst of the kinds.
 */
public final class CorruptionDefinition implements AttackDefinition {

    static final String KINDS = "kinds";
    static final String SEVERITY = "severity";
    static final String WORST = "worst";

    @Override
    public String name() {
        return AttackNames.CORRUPTION;
    }

    @Override
    public String description() {
        return "Image corruptions (after ImageNet-C, Hendrycks & Dietterich 2019): noise, blur, JPEG, brightness, contrast,"
                + " gamma at severities 1-5; no gradient, no budget";
    }

    @Override
    public List<AttackOption> options() {
        return List.of(
                AttackOption.nameList(KINDS, CorruptionKind::optionNames,
                        "corruptions, comma-separated, or all: " + String.join(", ", CorruptionKind.optionNames())).shownInName(),
                AttackOption.integerList(SEVERITY, "1,2,3,4,5", CorruptionKind.MIN_SEVERITY, CorruptionKind.MAX_SEVERITY,
                        "severities 1-5, comma-separated; one result each").shownInName(),
                AttackOption.bool(WORST, false,
                        "one result per severity holding per sample the worst of the kinds, instead of one per kind"),
                CommonOptions.SEED);
    }

    @Override
    public ThreatModel threatModel() {
        return ThreatModel.NONE;
    }

    /** One spec per kind and severity, severities outermost; with {@code worst}, one per severity over all the kinds. */
    @Override
    public List<AttackSpec> expand(AttackSpec spec) {
        List<CorruptionKind> kinds = kinds(spec);
        boolean worst = spec.booleanOption(WORST) && kinds.size() > 1;
        List<AttackSpec> specs = new ArrayList<>();
        for (int severity : severities(spec)) {
            AttackSpec atSeverity = spec.with(SEVERITY, Integer.toString(severity));
            if (worst) {
                specs.add(atSeverity);
                continue;
            }
            for (CorruptionKind kind : kinds) {
                specs.add(atSeverity.with(KINDS, kind.optionName()).with(WORST, false));
            }
        }
        return specs;
    }

    @Override
    public Attack create(AttackSpec spec) {
        return new CorruptionAttack(spec);
    }

    static List<CorruptionKind> kinds(AttackSpec spec) {
        String text = spec.textOption(KINDS);
        if (text.equals("all")) {
            return List.of(CorruptionKind.values());
        }
        return Arrays.stream(text.split(",")).map(CorruptionKind::named).toList();
    }

    static List<Integer> severities(AttackSpec spec) {
        return Arrays.stream(spec.textOption(SEVERITY).split(",")).map(Integer::valueOf).toList();
    }
}
