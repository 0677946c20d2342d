package io.robustgate.attack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a configuration that names the same attack at the same budget twice: it would run twice
 * and write two identical results, doubling the time and counting one measurement as two. Specs
 * are compared with every option (defaults included), so {@code PGD} and {@code PGD steps=40} are
 * the same attack; one front-end's entries are checked together (the POM's {@code <attacks>}, the
 * YAML's {@code attacks}).
 */
public final class DuplicateAttacks {

    /** One attack at one budget and where it was configured, e.g. {@code attacks[2]}. */
    public record Entry(String where, AttackSpec spec) {}

    private DuplicateAttacks() {}

    /** @throws IllegalArgumentException naming both entries and the attack, the later entry first */
    public static void refuse(List<Entry> entries) {
        Map<AttackSpec, Entry> seen = new HashMap<>();
        for (Entry entry : entries) {
            Entry first = seen.putIfAbsent(entry.spec(), entry);
            if (first != null && first.where().equals(entry.where())) {
                throw new IllegalArgumentException(entry.where() + " lists one budget twice: " + entry.spec().displayName()
                        + " would run twice and write two identical results; remove the repeated eps");
            }
            if (first != null) {
                throw new IllegalArgumentException(entry.where() + " repeats " + first.where() + ": both are "
                        + entry.spec().displayName() + ", which would run twice and write two identical results;"
                        + " remove one of them");
            }
        }
    }
}
