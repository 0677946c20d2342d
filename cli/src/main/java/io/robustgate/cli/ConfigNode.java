package io.robustgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of a configuration file together with where it sits ({@code attacks[1].options}), so
 * that every complaint names the file and the entry. Scalars are read as text and converted by the
 * caller: YAML writes {@code 2/255} as a string and {@code 0.008} as a number, and both are budgets.
 */
final class ConfigNode {

    private final Path file;
    private final String path;
    private final JsonNode node;

    ConfigNode(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    Path file() {
        return file;
    }

    String path() {
        return path;
    }

    ConfigurationException problem(String message) {
        return new ConfigurationException(file, (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** A misspelt key is an error, not a silently ignored setting: a typo in a gate must not pass it. */
    void allowOnly(Set<String> keys) {
        requireObject();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw child(name).problem("unknown key; allowed here: " + String.join(", ", new TreeSet<>(keys)));
            }
        }
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    ConfigNode child(String key) {
        return new ConfigNode(file, path.isEmpty() ? key : path + "." + key, node.get(key));
    }

    /** The scalar under {@code key} as text, or empty when the key is absent. */
    Optional<String> text(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(child(key).scalar());
    }

    String requiredText(String key, String example) {
        return text(key).filter(t -> !t.isBlank())
                .orElseThrow(() -> child(key).problem("is missing, e.g. " + example));
    }

    int integer(String key, int fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get().trim());
        } catch (NumberFormatException e) {
            throw child(key).problem("'" + text.get() + "' is not a whole number");
        }
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw child(key).problem("'" + text.get() + "' is neither true nor false");
        };
    }

    /** Text of this scalar; a list or map here is an error naming the entry. */
    String scalar() {
        if (node == null || !node.isValueNode()) {
            throw problem("expected a single value, found " + describe());
        }
        return node.asText();
    }

    /** Like {@link #scalar}, but an absent entry reads as empty text. */
    String scalarOrEmpty() {
        return node == null || node.isNull() || node.isMissingNode() ? "" : scalar();
    }

    /** The entries of the list under {@code key} (empty when absent), each with its index in the path. */
    List<ConfigNode> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        ConfigNode list = child(key);
        if (!list.node.isArray()) {
            throw list.problem("expected a list, found " + list.describe());
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < list.node.size(); i++) {
            items.add(new ConfigNode(file, list.path + "[" + i + "]", list.node.get(i)));
        }
        return items;
    }

    /** A map of scalars, e.g. an attack's {@code options}, as text by key in file order. */
    Map<String, String> scalarMap(String key) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!has(key)) {
            return values;
        }
        ConfigNode map = child(key);
        map.requireObject();
        for (Iterator<String> names = map.node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            values.put(name, map.child(name).scalar());
        }
        return values;
    }

    /** This map's own scalar keys (not {@code nested}) as core's option map, named by this node's path. */
    io.robustgate.configuration.OptionMap options(Set<String> nested) {
        requireObject();
        io.robustgate.configuration.OptionMap options = io.robustgate.configuration.OptionMap.path(path);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!nested.contains(name)) {
                ConfigNode value = child(name);
                // A YAML list of scalars (eps: [1/255, 2/255]) is the comma list of the other front-ends.
                options.put(name, value.isList() ? String.join(",", value.items().stream().map(ConfigNode::scalar).toList())
                        : value.scalar());
            }
        }
        return options;
    }

    /** Core's message, with this file's name in front, as every other problem of the file. */
    ConfigurationException problem(io.robustgate.configuration.ConfigurationProblem problem) {
        return new ConfigurationException(file, problem.getMessage(), problem);
    }

    boolean isMap() {
        return node != null && node.isObject();
    }

    boolean isList() {
        return node != null && node.isArray();
    }

    List<ConfigNode> items() {
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(file, path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    private void requireObject() {
        if (node == null || !node.isObject()) {
            throw problem("expected a map of keys, found " + describe());
        }
    }

    private String describe() {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a map";
        }
        return "'" + node.asText() + "'";
    }
}
