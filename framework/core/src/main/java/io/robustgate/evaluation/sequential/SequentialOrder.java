package io.robustgate.evaluation.sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a sequential evaluation attacks a set: its batches in a seeded random order, and within each
 * batch the images fed to the confidence sequences in a seeded random order.
 *
 * <p>Why batches and not single images: libtorch gives a sample slightly different float results depending on its
 * batch-mates, and the evaluator's batches are blocks of samples in the order of a SHA-256 hash of their ids
 * ({@code SampleBlocks}). Attacking those same blocks keeps every sample's figures bit for bit those of a full run with
 * the same batch size, which is what makes an exhausted sequential run equal the full run. The hash of a file name is
 * independent of how the model does on the image, so the blocks are a random partition of the set; a uniformly random
 * order of a random partition's blocks, each shuffled, is a uniformly random order of the images — the sampling
 * without replacement the confidence sequences assume. (The simulation in {@code SequentialOrderTest} runs exactly this
 * procedure on fixed hash blocks.)
 */
public final class SequentialOrder {

    private final List<int[]> batches;
    private final List<int[]> feedOrders;

    private SequentialOrder(List<int[]> batches, List<int[]> feedOrders) {
        this.batches = batches;
        this.feedOrders = feedOrders;
    }

    /** {@code blocks} (positions of each batch) reordered by {@code seed}; each keeps its own positions in its own order. */
    public static SequentialOrder of(List<int[]> blocks, long seed) {
        int[] blockOrder = SequentialDecision.attackOrder(blocks.size(), seed);
        List<int[]> batches = new ArrayList<>(blocks.size());
        List<int[]> feeds = new ArrayList<>(blocks.size());
        for (int k = 0; k < blockOrder.length; k++) {
            int[] block = blocks.get(blockOrder[k]);
            batches.add(block);
            feeds.add(SequentialDecision.attackOrder(block.length, seed + 1 + blockOrder[k]));
        }
        return new SequentialOrder(List.copyOf(batches), List.copyOf(feeds));
    }

    /** The batches in the order they are attacked. */
    public List<int[]> batches() {
        return batches;
    }

    /** For the k-th batch attacked, the indices into it (0..size−1) in the order its images are fed to the sequences. */
    public int[] feedOrder(int k) {
        return feedOrders.get(k).clone();
    }
}
