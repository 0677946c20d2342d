package io.robustgate.gate;

/** A limit a result did not meet, with a message that carries every number that matters. */
public record GateViolation(String resultName, Limit limit, double actual, String message) {

    @Override
    public String toString() {
        return message;
    }
}
