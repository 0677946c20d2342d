package io.robustgate.configuration;

/**
 * A setting of a front-end that cannot mean what it says, with a message that names where it was
 * written ({@code attacks[1].eps}, {@code @AdversarialRobustness on MyTest#m: minDice}). Each
 * front-end wraps it in its own failure (a configuration exception, a failed goal, exit code 2)
 * without changing the message.
 */
public final class ConfigurationProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigurationProblem(String message) {
        super(message);
    }

    public ConfigurationProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
