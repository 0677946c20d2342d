package io.robustgate.corruption;

/**
 * The random numbers of a corruption, as a pure function of a sample's seed and a counter, so that
 * the same sample gets the same noise in every process, batch and shard, and an independent
 * implementation (python/reference_corruptions.py) draws the very same field. Counter {@code k} of
 * seed {@code s} is SplitMix64's {@code k}-th output, {@code mix64(s + (k+1)·0x9E3779B97F4A7C15)}
 * (Steele, Lea &amp; Flood, OOPSLA 2014; Stafford's variant 13 finaliser, as in
 * {@link java.util.SplittableRandom}); uniforms take its top 53 bits, normals come from Box–Muller.
 */
public final class CounterNoise {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;

    public CounterNoise(long seed) {
        this.seed = seed;
    }

    /** SplitMix64's finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The 64 random bits of counter {@code k}. */
    public long bits(long k) {
        return mix64(seed + (k + 1) * GOLDEN_GAMMA);
    }

    /** A uniform in the open interval (0, 1): {@code ((bits >>> 11) + 0.5)·2⁻⁵³}, never 0, so its log is finite. */
    public double uniform(long k) {
        return ((bits(k) >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** The standard normal of value {@code j}: Box–Muller's cosine branch on uniforms {@code 2j} and {@code 2j+1}. */
    public double normal(long j) {
        double u1 = uniform(2 * j);
        double u2 = uniform(2 * j + 1);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
