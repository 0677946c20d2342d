package io.robustgate.data;

/**
 * The trip between RobustGate's [0,1] floats and the 8-bit values Pillow works on. Exact for
 * 8-bit sources: {@code round((v/255)·255) = v}. Deeper sources (16-bit PNGs) are rounded to
 * the nearest of 256 levels.
 */
final class EightBit {

    private EightBit() {}

    static int[] of(float[] unit) {
        int[] bytes = new int[unit.length];
        for (int i = 0; i < unit.length; i++) {
            bytes[i] = Math.min(255, Math.max(0, Math.round(unit[i] * 255f)));
        }
        return bytes;
    }

    static float[] toUnit(int[] bytes) {
        float[] unit = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            unit[i] = bytes[i] / 255f;
        }
        return unit;
    }
}
