package io.robustgate.model;

import io.robustgate.InputFileException;
import java.nio.file.Path;

/** A model bundle that cannot be used; the message names the offending file. */
public class ModelBundleException extends InputFileException {

    public ModelBundleException(Path file, String problem) {
        super(file, problem, null);
    }

    public ModelBundleException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
