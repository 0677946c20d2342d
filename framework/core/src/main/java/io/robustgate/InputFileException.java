package io.robustgate;

import java.nio.file.Path;

/** Something a user supplied cannot be used; the message starts with the offending file. */
public abstract class InputFileException extends RuntimeException {

    private final Path file;

    protected InputFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
