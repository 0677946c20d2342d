package io.robustgate.data;

/**
 * The taps of a separable resampling along one axis, as Pillow's {@code precompute_coeffs}
 * defines them (and PyTorch's antialiased {@code interpolate} copied): output position
 * {@code i} samples around the centre {@code (i + 0.5)·in/out} with the filter stretched by the
 * reduction factor {@code max(in/out, 1)}, so downsampling averages over every source pixel it
 * covers instead of skipping some (antialiasing). Taps falling outside the image are dropped and
 * the rest renormalised to sum 1, rather than mirrored or clamped.
 *
 * @param first first source index of each output position
 * @param count number of taps of each output position
 * @param weights {@code weights[i·stride + k]} is the weight of source {@code first[i] + k}
 * @param stride the maximum number of taps, {@code 2·ceil(support) + 1}
 */
public record ResamplingWeights(int[] first, int[] count, double[] weights, int stride) {

    public static ResamplingWeights of(ResamplingFilter filter, int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support() * filterScale;
        int stride = (int) Math.ceil(support) * 2 + 1;
        double inverseFilterScale = 1.0 / filterScale;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        double[] weights = new double[outSize * stride];
        for (int i = 0; i < outSize; i++) {
            double center = (i + 0.5) * scale;
            // (int) truncates towards zero like C's cast, which the + 0.5 turns into rounding
            int min = Math.max((int) (center - support + 0.5), 0);
            int max = Math.min((int) (center + support + 0.5), inSize);
            double total = 0.0;
            for (int k = 0; k < max - min; k++) {
                double w = filter.weight((k + min - center + 0.5) * inverseFilterScale);
                weights[i * stride + k] = w;
                total += w;
            }
            if (total != 0.0) {
                for (int k = 0; k < max - min; k++) {
                    weights[i * stride + k] /= total;
                }
            }
            first[i] = min;
            count[i] = max - min;
        }
        return new ResamplingWeights(first, count, weights, stride);
    }
}
