package io.robustgate.attack;

/** Reads and writes budgets the way people write them: {@code 2/255}, {@code 0.01}. */
public final class EpsFormat {

    private EpsFormat() {}

    /** {@code 2/255} when eps is a whole number of 8-bit grey levels, else a decimal. */
    public static String format(float eps) {
        float levels = eps * 255f;
        if (eps > 0 && Math.abs(levels - Math.round(levels)) < 1e-3) {
            return Math.round(levels) + "/255";
        }
        return Float.toString(eps);
    }

    /** Parses {@code 2/255}, {@code 0.0078} or {@code 8e-3}. */
    public static float parse(String text) {
        String value = text.trim();
        try {
            int slash = value.indexOf('/');
            if (slash < 0) {
                return Float.parseFloat(value);
            }
            float numerator = Float.parseFloat(value.substring(0, slash).trim());
            float denominator = Float.parseFloat(value.substring(slash + 1).trim());
            if (denominator == 0) {
                throw new NumberFormatException("division by zero");
            }
            return numerator / denominator;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a budget: write e.g. 2/255 or 0.008");
        }
    }
}
