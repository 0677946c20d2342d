package io.robustgate.cli;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used. The message starts with the file and the entry, e.g.
 * {@code robustgate.yaml: attacks[1].eps: -1/255 is not a positive budget}, as the Maven plugin
 * names its parameters.
 */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ConfigurationException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
