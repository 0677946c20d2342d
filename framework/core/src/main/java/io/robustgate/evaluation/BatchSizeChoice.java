package io.robustgate.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The automatic batch size: whichever of 1, 2, 4, 8, 16 (at most the set size) gives the lowest
 * time per sample for a gradient pass, measured on the first samples. Batching is not always
 * faster on a CPU: a transformer gains from it, while a convolutional network whose activations
 * outgrow the allocator's cached memory loses (see docs/performance.md), so the
 * size is measured, not assumed.
 *
 * <p>Each candidate gets one untimed pass (TorchScript's profiling executor re-specialises the
 * graph for every new input shape) and {@value #TIMED_PASSES} timed ones, of which the faster
 * counts. A larger size must beat the best smaller one by {@value #REQUIRED_GAIN_PERCENT}% to be
 * kept, so timing noise does not flip the choice between near-equal sizes, and the search stops
 * once a size is clearly slower than the best so far.
 */
public final class BatchSizeChoice {

    static final int[] CANDIDATES = {1, 2, 4, 8, 16};
    static final int TIMED_PASSES = 2;
    static final int REQUIRED_GAIN_PERCENT = 5;
    private static final double GIVE_UP_RATIO = 1.3;

    /** Seconds per sample of each candidate tried, in order. */
    public record Trial(int batchSize, double secondsPerSample) {}

    private final int chosen;
    private final List<Trial> trials;

    private BatchSizeChoice(int chosen, List<Trial> trials) {
        this.chosen = chosen;
        this.trials = List.copyOf(trials);
    }

    /**
     * @param gradientPass runs one gradient pass over the first {@code n} samples (n is its argument)
     */
    public static BatchSizeChoice measure(int setSize, IntConsumer gradientPass) {
        List<Trial> trials = new ArrayList<>();
        int best = 1;
        double bestTime = Double.POSITIVE_INFINITY;
        for (int size : CANDIDATES) {
            if (size > setSize) {
                break;
            }
            gradientPass.accept(size);
            double fastest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < TIMED_PASSES; i++) {
                long start = System.nanoTime();
                gradientPass.accept(size);
                fastest = Math.min(fastest, (System.nanoTime() - start) / 1e9);
            }
            double perSample = fastest / size;
            trials.add(new Trial(size, perSample));
            if (perSample < bestTime * (1 - REQUIRED_GAIN_PERCENT / 100.0)) {
                best = size;
                bestTime = perSample;
            } else if (perSample > bestTime * GIVE_UP_RATIO) {
                break;
            }
        }
        return new BatchSizeChoice(best, trials);
    }

    public int batchSize() {
        return chosen;
    }

    public List<Trial> trials() {
        return trials;
    }
}
