package io.robustgate.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Native arrays made from JVM data and constants, in memory that libtorch allocated and counts
 * references to itself.
 *
 * <p>Why: on the CPU, DJL's {@code manager.create(float[])} and the {@code Number} overloads of its
 * operators ({@code x.maximum(0)}, {@code x.mul(2)}) wrap a direct {@code ByteBuffer} with
 * {@code torch::from_blob}: the tensor's data lives in JVM memory that only the Java object keeps
 * alive. The {@code Number} overloads close that scalar as soon as the operator returns, yet
 * autograd may have saved it for the backward pass ({@code maximum} and {@code mul} do). When a
 * garbage collection runs in between, the JVM frees the buffer, {@code malloc} hands the memory to
 * someone else, and the backward pass reads whatever is there: a gradient that differs in a few
 * pixels between two processes, or between a resumed and an uninterrupted run, which a hundred
 * sign-gradient steps turn into a different Dice. Copies made here, and constants made by
 * {@code torch::full}, are freed by libtorch only when its last reference goes (docs/ci.md,
 * "Reproducible across processes").
 */
public final class NativeCopy {

    private NativeCopy() {}

    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    public static NDArray of(NDManager manager, long[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    public static NDArray of(NDManager manager, boolean[] data) {
        try (NDArray wrapped = manager.create(data)) {
            return wrapped.duplicate();
        }
    }

    /**
     * A 0-d constant allocated by libtorch, for operators inside a differentiated function: use it
     * instead of DJL's {@code Number} overloads, whose scalar may be freed before the backward pass.
     */
    public static NDArray constant(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
