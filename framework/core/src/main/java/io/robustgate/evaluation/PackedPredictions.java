package io.robustgate.evaluation;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary predictions at one bit per pixel, unpacked when read: the clean pass keeps one per sample
 * for the whole set, and as {@code boolean[]} (a byte per pixel) 5,000 samples at 352×352 would
 * take 620 MB of heap; packed they take 77 MB.
 */
final class PackedPredictions extends AbstractList<boolean[]> {

    private final List<long[]> bits = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();

    PackedPredictions() {}

    /** {@code size} empty predictions, each to be {@link #set}: batches fill the set out of order. */
    PackedPredictions(int size) {
        for (int i = 0; i < size; i++) {
            bits.add(new long[0]);
            lengths.add(0);
        }
    }

    @Override
    public boolean add(boolean[] prediction) {
        bits.add(pack(prediction));
        lengths.add(prediction.length);
        return true;
    }

    @Override
    public boolean[] set(int index, boolean[] prediction) {
        boolean[] previous = get(index);
        bits.set(index, pack(prediction));
        lengths.set(index, prediction.length);
        return previous;
    }

    private static long[] pack(boolean[] prediction) {
        long[] words = new long[(prediction.length + 63) / 64];
        for (int i = 0; i < prediction.length; i++) {
            if (prediction[i]) {
                words[i >> 6] |= 1L << (i & 63);
            }
        }
        return words;
    }

    @Override
    public boolean[] get(int index) {
        long[] words = bits.get(index);
        boolean[] prediction = new boolean[lengths.get(index)];
        for (int i = 0; i < prediction.length; i++) {
            prediction[i] = (words[i >> 6] & (1L << (i & 63))) != 0;
        }
        return prediction;
    }

    @Override
    public int size() {
        return bits.size();
    }
}
