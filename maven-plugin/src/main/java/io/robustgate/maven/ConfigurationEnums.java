package io.robustgate.maven;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;

/** Reads an enum constant from POM text, case-insensitively, listing the accepted names when it is wrong. */
final class ConfigurationEnums {

    private ConfigurationEnums() {}

    static <E extends Enum<E>> E parse(String path, String text, Class<E> type) throws MojoExecutionException {
        String accepted = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (text == null || text.isBlank()) {
            throw new MojoExecutionException(path + " is missing: use one of " + accepted);
        }
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new MojoExecutionException(path + ": '" + text.trim() + "' is unknown: use one of " + accepted);
    }
}
