package io.robustgate.attack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * Attacks by name: the built-in ones, then every {@link AttackDefinition} registered through
 * {@code META-INF/services} on a class loader — by default the context class loader, which is the
 * test class path under Surefire and the project's test class path in {@code robustgate:evaluate}.
 */
public final class AttackRegistry {

    private static final Map<ClassLoader, AttackRegistry> BY_LOADER = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, AttackDefinition> byName = new LinkedHashMap<>();

    private AttackRegistry(ClassLoader loader) {
        for (AttackDefinition builtIn : BuiltInAttacks.all()) {
            add(builtIn);
        }
        for (AttackDefinition registered : ServiceLoader.load(AttackDefinition.class, loader)) {
            add(registered);
        }
    }

    /** The registry of the current thread's context class loader, loaded once per loader. */
    public static AttackRegistry current() {
        return using(contextLoader());
    }

    public static AttackRegistry using(ClassLoader loader) {
        return BY_LOADER.computeIfAbsent(loader, AttackRegistry::new);
    }

    /**
     * Forgets the registry of a class loader that is being closed (the plugin's per-build project
     * loader): its definitions would otherwise keep the loader alive.
     */
    public static void release(ClassLoader loader) {
        BY_LOADER.remove(loader);
    }

    static ClassLoader contextLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : AttackRegistry.class.getClassLoader();
    }

    public Optional<AttackDefinition> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(key(name)));
    }

    /** @throws IllegalArgumentException listing the registered names when none is called that */
    public AttackDefinition require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                (name == null || name.isBlank() ? "no attack named" : "unknown attack '" + name + "'")
                        + ": registered attacks are " + String.join(", ", names())));
    }

    public List<String> names() {
        return byName.values().stream().map(AttackDefinition::name).toList();
    }

    public Collection<AttackDefinition> all() {
        return Collections.unmodifiableCollection(new ArrayList<>(byName.values()));
    }

    private void add(AttackDefinition definition) {
        AttackDefinition previous = byName.putIfAbsent(key(definition.name()), definition);
        if (previous != null && previous.getClass() != definition.getClass()) {
            throw new IllegalStateException("two attacks are registered as " + definition.name() + ": "
                    + previous.getClass().getName() + " and " + definition.getClass().getName());
        }
    }

    private static String key(String name) {
        return name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
