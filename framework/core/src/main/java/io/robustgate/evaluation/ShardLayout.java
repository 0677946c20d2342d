package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a shard's results file records so that the merge can check and order it: which shard, the
 * block size its batches had, the bootstrap seed of its aggregates and every sample id of the
 * whole held-out set in order (the merge puts the shards' samples back in that order and checks
 * that each appears exactly once).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShardLayout(int index, int total, int blockSize, long bootstrapSeed, List<String> setSampleIds) {

    public ShardLayout {
        setSampleIds = setSampleIds == null ? List.of() : List.copyOf(setSampleIds);
    }

    public Shard shard() {
        return new Shard(index, total);
    }
}
