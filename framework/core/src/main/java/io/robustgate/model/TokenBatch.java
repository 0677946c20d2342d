package io.robustgate.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Token ids and attention mask for a batch of prompts, {@code [B, L]} each. */
public record TokenBatch(long[][] ids, long[][] attentionMask) {

    public int size() {
        return ids.length;
    }

    public NDArray idsArray(NDManager manager) {
        return toArray(manager, ids);
    }

    public NDArray attentionMaskArray(NDManager manager) {
        return toArray(manager, attentionMask);
    }

    /** The rows {@code [from, to)}: lets a batch of samples reuse prompts tokenised once. */
    public TokenBatch rows(int from, int to) {
        return new TokenBatch(Arrays.copyOfRange(ids, from, to), Arrays.copyOfRange(attentionMask, from, to));
    }

    /** The rows at {@code indices}, in that order: a batch of samples chosen by identity, not position. */
    public TokenBatch select(int[] indices) {
        long[][] selectedIds = new long[indices.length][];
        long[][] selectedMask = new long[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            selectedIds[i] = ids[indices[i]];
            selectedMask[i] = attentionMask[indices[i]];
        }
        return new TokenBatch(selectedIds, selectedMask);
    }

    private static NDArray toArray(NDManager manager, long[][] rows) {
        int length = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * length, length);
        }
        return NativeCopy.of(manager, flat, new Shape(rows.length, length));
    }
}
