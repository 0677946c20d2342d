package io.robustgate.model;

import java.util.Optional;

/**
 * How many threads libtorch gets, set once per process before the PyTorch engine starts (DJL reads
 * the system properties then). More threads than processors do not help: OpenMP workers then spin
 * waiting for cores other workers hold, and a run with {@code torchThreads: 999} on a 2-core machine
 * is several times slower than with 2. So a count above {@link Runtime#availableProcessors()} is
 * lowered to it, with a warning that says what is used.
 *
 * @param used the threads libtorch will use as set here; null when left to libtorch's default or to a
 *     {@code -Dai.djl.pytorch.num_threads} given to the JVM
 * @param warning what the user should hear, e.g. that a count was lowered; empty when nothing
 */
public record TorchThreads(Integer used, Optional<String> warning) {

    public static final String PROPERTY = "ai.djl.pytorch.num_threads";
    public static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    /**
     * The count to use for {@code requested} (null: libtorch's default) on a machine with
     * {@code processors}; {@code setting} names the parameter in the warning ({@code torchThreads}).
     *
     * @throws IllegalArgumentException when {@code requested} is below 1
     */
    public static TorchThreads choose(Integer requested, int processors, String setting) {
        if (requested == null) {
            return new TorchThreads(null, Optional.empty());
        }
        if (requested < 1) {
            throw new IllegalArgumentException("must be at least 1 but is " + requested);
        }
        if (requested > processors) {
            return new TorchThreads(processors, Optional.of(setting + " " + requested + " is more than the " + processors
                    + " processor(s) this JVM may use (Runtime.availableProcessors()): using " + processors
                    + ", since threads beyond the cores only wait for each other and slow every attack down"));
        }
        return new TorchThreads(requested, Optional.empty());
    }

    /**
     * Chooses for this machine and sets DJL's properties, unless a {@code -Dai.djl.pytorch.num_threads}
     * given to the JVM already did (it wins, as documented); then says so if it differs.
     */
    public static TorchThreads apply(Integer requested, String setting) {
        TorchThreads choice = choose(requested, Runtime.getRuntime().availableProcessors(), setting);
        if (choice.used() == null) {
            return choice;
        }
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            return given.trim().equals(Integer.toString(choice.used())) ? choice : new TorchThreads(null, Optional.of(
                    setting + " " + requested + " is not used: -D" + PROPERTY + "=" + given + " given to the JVM wins"));
        }
        System.setProperty(PROPERTY, Integer.toString(choice.used()));
        System.setProperty(INTEROP_PROPERTY, "1");
        return choice;
    }
}
