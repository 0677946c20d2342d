package io.robustgate.data;

import io.robustgate.InputFileException;
import java.nio.file.Path;

/** A held-out set that cannot be used as it is; the message names the offending file. */
public class DataSetException extends InputFileException {

    public DataSetException(Path file, String problem) {
        super(file, problem, null);
    }

    public DataSetException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
