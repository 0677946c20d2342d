package io.robustgate.model;

import java.nio.file.Path;

/** A model bundle that cannot be used; the message names the offending file. */
public class ModelBundleException extends RuntimeException {

    private final Path file;

    public ModelBundleException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelBundleException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
