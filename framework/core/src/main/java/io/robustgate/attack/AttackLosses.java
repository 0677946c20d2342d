package io.robustgate.attack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Losses by name: the built-in ones and any registered as {@code META-INF/services/
 * io.robustgate.attack.AttackLoss} on the context class path.
 */
public final class AttackLosses {

    private AttackLosses() {}

    public static AttackLoss named(String name) {
        AttackLoss loss = all().get(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        if (loss == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "': use one of " + namesText());
        }
        return loss;
    }

    public static List<String> names() {
        return new ArrayList<>(all().keySet());
    }

    public static String namesText() {
        return String.join(", ", names());
    }

    private static Map<String, AttackLoss> all() {
        Map<String, AttackLoss> losses = new LinkedHashMap<>();
        for (AttackLoss loss : List.of(AttackLoss.BCE, AttackLoss.DICE_BCE, AttackLoss.MASKED_BCE, AttackLoss.SOFT_DICE,
                AttackLoss.SEGPGD, AttackLoss.COSPGD)) {
            losses.put(loss.name(), loss);
        }
        for (AttackLoss loss : ServiceLoader.load(AttackLoss.class, AttackRegistry.contextLoader())) {
            losses.putIfAbsent(loss.name().toUpperCase(Locale.ROOT), loss);
        }
        return losses;
    }
}
