package io.robustgate.data;

import java.nio.file.Path;

/** A held-out set that cannot be used as it is; the message names the offending file. */
public class DataSetException extends RuntimeException {

    private final Path file;

    public DataSetException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataSetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
