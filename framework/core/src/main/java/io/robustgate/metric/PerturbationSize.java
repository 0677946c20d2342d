package io.robustgate.metric;

/**
 * Size of {@code δ = x' − x} in [0,1] pixel units: L∞, L2 over all values, and PSNR
 * {@code 10·log10(1/MSE)} in dB (infinite when nothing changed).
 */
public record PerturbationSize(double linf, double l2, double psnr) {

    public static PerturbationSize between(float[] clean, float[] adversarial) {
        if (clean.length != adversarial.length) {
            throw new IllegalArgumentException("images differ in size: " + clean.length + " vs " + adversarial.length);
        }
        double max = 0;
        double squares = 0;
        for (int i = 0; i < clean.length; i++) {
            double delta = (double) adversarial[i] - clean[i];
            max = Math.max(max, Math.abs(delta));
            squares += delta * delta;
        }
        double mse = squares / clean.length;
        double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
        return new PerturbationSize(max, Math.sqrt(squares), psnr);
    }
}
