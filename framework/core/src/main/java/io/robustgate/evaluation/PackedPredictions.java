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

    @Override
    public boolean add(boolean[] prediction) {
        long[] words = new long[(prediction.length + 63) / 64];
        for (int i = 0; i < prediction.length; i++) {
            if (prediction[i]) {
                words[i >> 6] |= 1L << (i & 63);
            }
        }
        bits.add(words);
        lengths.add(prediction.length);
        return true;
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
