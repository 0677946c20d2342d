package io.robustgate.cli;

/** A file the configuration points at (model, held-out set, results) is missing or unreadable. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
