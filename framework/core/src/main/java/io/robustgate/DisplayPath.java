package io.robustgate;

import java.nio.file.Path;

/**
 * A path as people read it in results and reports: relative to the working directory when it lies
 * below it (the Maven module), so reports do not carry one machine's absolute paths.
 */
public final class DisplayPath {

    private DisplayPath() {}

    public static String of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath().normalize();
        if (absolute.startsWith(workingDirectory) && !absolute.equals(workingDirectory)) {
            return workingDirectory.relativize(absolute).toString();
        }
        return absolute.toString();
    }
}
