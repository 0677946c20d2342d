package io.robustgate.evaluation;

import io.robustgate.data.Sample;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Batches formed by sample identity rather than list position. libtorch's batched kernels give a
 * sample slightly different gradients depending on its batch-mates, so for a sharded run to give
 * exactly what one machine gives, a sample's batch-mates must not depend on the shard layout. The
 * samples are therefore ordered by a hash of their id ({@link Sample#id()}) and cut into blocks of
 * the batch size; a batch is a block, and a shard is a set of whole blocks ({@link Shard}). The
 * unsharded run batches the same way, so it is the merge of any layout.
 *
 * <p>The order is independent of the annotation file's order; adding a sample moves the block
 * boundaries after it in hash order (those samples' last float bits may change), never the order.
 */
public final class SampleBlocks {

    private SampleBlocks() {}

    /** Positions in {@code samples}, cut into blocks of {@code blockSize} in identity order. */
    public static List<int[]> of(List<Sample> samples, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be at least 1 but is " + blockSize);
        }
        long[] keys = samples.stream().mapToLong(s -> identityHash(s.id())).toArray();
        int[] order = IntStream.range(0, samples.size()).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> keys[i]).thenComparing(i -> samples.get(i).id()))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> blocks = new ArrayList<>();
        for (int from = 0; from < order.length; from += blockSize) {
            int[] block = java.util.Arrays.copyOfRange(order, from, Math.min(from + blockSize, order.length));
            blocks.add(block);
        }
        return blocks;
    }

    /** The samples of {@code shard}'s blocks, in their original order. */
    public static List<Sample> shardOf(List<Sample> samples, int blockSize, Shard shard) {
        if (shard.whole()) {
            return samples;
        }
        List<int[]> blocks = of(samples, blockSize);
        boolean[] kept = new boolean[samples.size()];
        for (int b = 0; b < blocks.size(); b++) {
            if (shard.holds(b)) {
                for (int position : blocks.get(b)) {
                    kept[position] = true;
                }
            }
        }
        return IntStream.range(0, samples.size()).filter(i -> kept[i]).mapToObj(samples::get).toList();
    }

    /** The first 8 bytes of the SHA-256 of the id, as an unsigned-comparable key. */
    static long identityHash(String id) {
        byte[] digest = sha256().digest(id.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (digest[i] & 0xff);
        }
        return key ^ Long.MIN_VALUE; // signed order of this equals unsigned order of the digest
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
