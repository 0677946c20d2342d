package io.robustgate.evaluation;

import io.robustgate.attack.AttackLoss;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Input gradients at the clean images, per loss and batch, kept so that an attack whose only
 * gradient is the clean one (FGSM) computes it once per batch for every budget the evaluator is
 * asked for: an annotation's {@code eps = {…}}, a POM or YAML budget list, a curve's points. The
 * gradient does not depend on the budget, and a batch's samples are fixed for the evaluator's
 * life. Kept as JVM floats up to a byte budget; beyond it a gradient is simply computed again.
 */
final class CleanGradients {

    private final long capacityBytes;
    private final Map<String, float[]> kept = new HashMap<>();
    private long usedBytes;

    CleanGradients(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Room for the gradients of a quarter of the heap at most, and 512 MiB. */
    static long defaultCapacityBytes() {
        return Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    synchronized Optional<float[]> get(AttackLoss loss, int batch) {
        return Optional.ofNullable(kept.get(key(loss, batch)));
    }

    synchronized void put(AttackLoss loss, int batch, float[] gradient) {
        long bytes = 4L * gradient.length;
        if (usedBytes + bytes <= capacityBytes && kept.putIfAbsent(key(loss, batch), gradient) == null) {
            usedBytes += bytes;
        }
    }

    private static String key(AttackLoss loss, int batch) {
        return loss.name() + "#" + batch;
    }
}
