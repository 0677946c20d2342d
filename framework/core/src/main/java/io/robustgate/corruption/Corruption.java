package io.robustgate.corruption;

/**
 * One kind of image corruption at one severity: a camera's or scanner's damage to the image before
 * any adversary, applied to the [0,1] pixels where attacks perturb them (docs/corruptions.md).
 * Deterministic given the sample's {@link CounterNoise}.
 */
public interface Corruption {

    /** The corrupted image, in [0,1]; {@code image} is not modified. */
    ChannelImage apply(ChannelImage image, CounterNoise noise);
}
