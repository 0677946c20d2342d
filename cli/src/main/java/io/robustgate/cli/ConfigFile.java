package io.robustgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a configuration file as YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) into a
 * {@link GateConfiguration}. Chosen by extension rather than always parsing YAML (a superset of
 * JSON): a JSON file then gets JSON's error messages, which point at the broken character.
 */
final class ConfigFile {

    private ConfigFile() {}

    static GateConfiguration read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(file, "no such configuration file");
        }
        ObjectMapper mapper = mapperFor(file);
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(file, "not valid " + format(file) + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new ConfigurationException(file, "cannot read: " + e.getMessage(), e);
        }
        return GateConfiguration.from(new ConfigNode(file, "", root));
    }

    private static ObjectMapper mapperFor(Path file) {
        return switch (format(file)) {
            case "YAML" -> new YAMLMapper();
            case "JSON" -> new JsonMapper();
            default -> throw new ConfigurationException(file, "unknown configuration format: name the file *.yaml, *.yml or *.json");
        };
    }

    private static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return "YAML";
        }
        return name.endsWith(".json") ? "JSON" : "unknown";
    }
}
