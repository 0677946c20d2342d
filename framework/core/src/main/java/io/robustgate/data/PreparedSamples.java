package io.robustgate.data;

import java.util.AbstractList;
import java.util.List;

/**
 * A held-out set's samples at model resolution, decoded when asked for. When the whole set fits in
 * the cache bound its samples are kept after their first decoding (a small set is decoded once for
 * all attacks); otherwise every pass over the set decodes again, so the heap holds one batch and
 * does not grow with the set (a 5,000-sample set runs in a 1 GiB heap).
 */
public final class PreparedSamples extends AbstractList<PreparedSample> {

    /** The cache bound: 256 MiB or a quarter of the heap, whichever is smaller. */
    public static long defaultCacheBytes() {
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    private final List<Sample> samples;
    private final SamplePreparer preparer;
    private final PreparedSample[] cache;
    /** For a {@link #subset}: the samples it reads through, at {@link #positions}; null otherwise. */
    private final PreparedSamples parent;
    private final int[] positions;

    /** @param bytesPerSample a prepared sample's float pixels and mask, in bytes */
    public PreparedSamples(List<Sample> samples, SamplePreparer preparer, long bytesPerSample, long cacheBytes) {
        this.samples = samples;
        this.preparer = preparer;
        this.cache = bytesPerSample * samples.size() <= cacheBytes ? new PreparedSample[samples.size()] : null;
        this.parent = null;
        this.positions = null;
    }

    private PreparedSamples(PreparedSamples parent, int[] positions) {
        this.samples = java.util.Arrays.stream(positions).mapToObj(parent.samples::get).toList();
        this.preparer = parent.preparer;
        this.cache = null;
        this.parent = parent;
        this.positions = positions.clone();
    }

    /**
     * The samples at {@code positions}, read through this list: what this list has decoded and
     * kept is not decoded again, so an analysis that attacks a few samples at a time costs no decoding
     * when the set fits in the cache bound.
     */
    public PreparedSamples subset(int[] positions) {
        return new PreparedSamples(this, positions);
    }

    @Override
    public PreparedSample get(int index) {
        if (parent != null) {
            return parent.get(positions[index]);
        }
        if (cache == null) {
            return preparer.prepare(samples.get(index));
        }
        PreparedSample prepared = cache[index];
        if (prepared == null) {
            prepared = preparer.prepare(samples.get(index));
            cache[index] = prepared;
        }
        return prepared;
    }

    @Override
    public int size() {
        return samples.size();
    }

    /** Whether decoded samples are kept (the set fits in the cache bound). */
    public boolean cached() {
        return parent != null ? parent.cached() : cache != null;
    }
}
