package io.robustgate.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads an enum constant from configuration text, case-insensitively, listing the accepted names when it is wrong. */
final class Enums {

    private Enums() {}

    static <E extends Enum<E>> E parse(ConfigNode entry, Class<E> type) {
        String accepted = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        String text = entry.scalarOrEmpty();
        if (text.isBlank()) {
            throw entry.problem("is missing: use one of " + accepted);
        }
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw entry.problem("'" + text.trim() + "' is unknown: use one of " + accepted);
    }
}
