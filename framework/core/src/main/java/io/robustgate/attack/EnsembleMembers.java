package io.robustgate.attack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ensemble's {@code members} option, {@code APGD(loss=BCE); SEGPGD(steps=20)}: attack names
 * with options in brackets, separated by semicolons. Members share the ensemble's budget, seed and
 * budget space, so each one's result equals what it gives on its own.
 */
final class EnsembleMembers {

    private EnsembleMembers() {}

    static List<AttackSpec> parse(String text, AttackSpec ensemble) {
        List<AttackSpec> members = new ArrayList<>();
        for (String entry : text.split(";")) {
            String member = entry.trim();
            if (member.isEmpty()) {
                continue;
            }
            int open = member.indexOf('(');
            String name = open < 0 ? member : member.substring(0, open).trim();
            Map<String, Object> options = new LinkedHashMap<>();
            if (open >= 0) {
                if (!member.endsWith(")")) {
                    throw new IllegalArgumentException("member '" + member + "' must read NAME(option=value, ...)");
                }
                String inside = member.substring(open + 1, member.length() - 1).trim();
                if (!inside.isEmpty()) {
                    options.putAll(AttackOptionsText.parse(inside.split(",")));
                }
            }
            if (name.equalsIgnoreCase(AttackNames.ENSEMBLE)) {
                throw new IllegalArgumentException("an ensemble cannot contain an ensemble");
            }
            AttackDefinition definition = AttackRegistry.current().require(name);
            if (options.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("seed") || k.equalsIgnoreCase("space"))) {
                throw new IllegalArgumentException("member '" + member + "': members use the ensemble's seed and space");
            }
            if (!definition.threatModel().name().equals(ensemble.threatModel())) {
                throw new IllegalArgumentException("member '" + member + "' attacks an " + definition.threatModel().name()
                        + " ball, the ensemble an " + ensemble.threatModel() + " ball");
            }
            shareIfDeclared(definition, options, "seed", ensemble.seed());
            shareIfDeclared(definition, options, "space", ensemble.space().name());
            members.add(AttackSpec.of(definition, ensemble.eps(), options));
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        return members;
    }

    private static void shareIfDeclared(AttackDefinition definition, Map<String, Object> options, String option, Object value) {
        if (definition.options().stream().anyMatch(o -> o.name().equals(option))) {
            options.put(option, value);
        }
    }
}
