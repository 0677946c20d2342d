package io.robustgate.corruption;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The corruptions RobustGate ships, each with its parameter at severities 1–5. Where a kind is one
 * of ImageNet-C's (Hendrycks &amp; Dietterich, ICLR 2019), the parameters are the constants of that
 * paper's code ({@code make_imagenet_c.py}, 224-pixel images), used as they are at the model's
 * resolution; gamma is not in ImageNet-C and its exponents are RobustGate's own. docs/corruptions.md
 * defines each one precisely.
 */
public enum CorruptionKind {

    GAUSSIAN_NOISE("σ", s -> new PixelNoise(level(s, 0.08, 0.12, 0.18, 0.26, 0.38), false)),
    SPECKLE_NOISE("σ", s -> new PixelNoise(level(s, 0.15, 0.20, 0.35, 0.45, 0.60), true)),
    GAUSSIAN_BLUR("σ (px)", s -> new GaussianBlur(level(s, 1, 2, 3, 4, 6))),
    MOTION_BLUR("radius (px), σ (px)", s -> new MotionBlur((int) level(s, 10, 15, 15, 15, 20), level(s, 3, 5, 8, 12, 15))),
    JPEG("quality", s -> new JpegReencoding((int) level(s, 25, 18, 15, 10, 7))),
    BRIGHTNESS("+V", s -> new Brightness(level(s, 0.1, 0.2, 0.3, 0.4, 0.5))),
    CONTRAST("factor", s -> new Contrast(level(s, 0.4, 0.3, 0.2, 0.1, 0.05))),
    GAMMA("γ", s -> new Gamma(level(s, 1.25, 1.5, 2.0, 2.5, 3.0)));

    public static final int MIN_SEVERITY = 1;
    public static final int MAX_SEVERITY = 5;

    private final String parameterName;
    private final IntFunction<Corruption> atSeverity;

    CorruptionKind(String parameterName, IntFunction<Corruption> atSeverity) {
        this.parameterName = parameterName;
        this.atSeverity = atSeverity;
    }

    private static double level(int severity, double... perSeverity) {
        return perSeverity[severity - 1];
    }

    /** The name options and results use, e.g. {@code gaussian_noise}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the severity sets, for docs and reports: {@code quality}, {@code σ (px)}. */
    public String parameterName() {
        return parameterName;
    }

    /** The corruption at {@code severity} 1–5. */
    public Corruption at(int severity) {
        if (severity < MIN_SEVERITY || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException(optionName() + ": severity must lie in 1..5 but is " + severity);
        }
        return atSeverity.apply(severity);
    }

    /** Every kind's option name, in declaration order. */
    public static List<String> optionNames() {
        return Arrays.stream(values()).map(CorruptionKind::optionName).toList();
    }

    /** The kind named {@code name} ({@code jpeg}, case-insensitive). */
    public static CorruptionKind named(String name) {
        for (CorruptionKind kind : values()) {
            if (kind.optionName().equalsIgnoreCase(name.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + name + "': use one of " + String.join(", ", optionNames()));
    }
}
