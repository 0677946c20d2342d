package io.robustgate.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustgate.data.PreparedSample;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.TokenBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The prepared samples RobustGate attacks, as flat arrays, so every column attacks the same tensors. */
record BenchmarkInputs(int n, int channels, int height, int width, float[] pixels, float[] targets, TokenBatch tokens) {

    static BenchmarkInputs of(ModelBundle bundle, List<PreparedSample> samples) {
        PreparedSample first = samples.get(0);
        int plane = first.height() * first.width();
        int size = first.channels() * plane;
        float[] pixels = new float[samples.size() * size];
        float[] targets = new float[samples.size() * plane];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).pixels(), 0, pixels, i * size, size);
            System.arraycopy(samples.get(i).mask(), 0, targets, i * plane, plane);
        }
        TokenBatch tokens = bundle.tokenizer().encode(samples.stream().map(s -> s.sample().prompt()).toList());
        return new BenchmarkInputs(samples.size(), first.channels(), first.height(), first.width(), pixels, targets, tokens);
    }

    NDArray pixels(NDManager manager, int from, int to) {
        int size = channels * height * width;
        float[] part = java.util.Arrays.copyOfRange(pixels, from * size, to * size);
        return manager.create(part, new Shape(to - from, channels, height, width));
    }

    NDArray targets(NDManager manager, int from, int to) {
        int plane = height * width;
        return manager.create(java.util.Arrays.copyOfRange(targets, from * plane, to * plane), new Shape(to - from, height, width));
    }

    /** pixels.f32 [N,C,H,W], targets.f32 [N,H,W], ids.i64 and mask.i64 [N,L], little-endian, as the Python loops read them. */
    void writeArrays(Path folder) throws IOException {
        writeFloats(folder.resolve("pixels.f32"), pixels);
        writeFloats(folder.resolve("targets.f32"), targets);
        writeLongs(folder.resolve("ids.i64"), tokens.ids());
        writeLongs(folder.resolve("mask.i64"), tokens.attentionMask());
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }

    private static void writeLongs(Path file, long[][] rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long[] row : rows) {
                ByteBuffer buffer = ByteBuffer.allocate(8 * row.length).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asLongBuffer().put(row);
                out.write(buffer.array());
            }
        }
    }
}
