package io.robustgate.data;

/**
 * Which prompt of an annotation becomes the sample's prompt: one key (a list value gives its
 * first element) or {@code all}, where every non-empty variant is a sample of its own.
 */
public record PromptChoice(String key) {

    public static final String ALL = "all";
    public static final PromptChoice DEFAULT = new PromptChoice("p1");

    public PromptChoice {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("prompt key must not be empty (use e.g. p1, or all)");
        }
    }

    public static PromptChoice of(String key) {
        return new PromptChoice(key);
    }

    public boolean isAll() {
        return ALL.equalsIgnoreCase(key);
    }

    @Override
    public String toString() {
        return key;
    }
}
