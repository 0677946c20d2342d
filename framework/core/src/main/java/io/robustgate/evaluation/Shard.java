package io.robustgate.evaluation;

import java.util.Map;
import java.util.Optional;

/**
 * Which part of a held-out set one CI job evaluates: shard {@code index} of {@code total}, both
 * 1-based as people count (and as GitLab's {@code CI_NODE_INDEX} is). The samples are ordered by
 * identity and cut into blocks ({@link SampleBlocks}); shard K takes blocks K, K+N, K+2N, ...
 * (1-based), so every sample keeps its batch-mates whatever the number of shards.
 */
public record Shard(int index, int total) {

    /** The system property / Maven property / JUnit configuration parameter: {@code -Drobustgate.shard=2/3}. */
    public static final String PROPERTY = "robustgate.shard";

    /** GitLab's {@code parallel:} sets these (index 1-based). */
    public static final String INDEX_VARIABLE = "CI_NODE_INDEX";
    public static final String TOTAL_VARIABLE = "CI_NODE_TOTAL";

    /** The whole set in one job. */
    public static final Shard WHOLE = new Shard(1, 1);

    /**
     * Block size, and so batch size, of a sharded run whose batch size is automatic: measuring it
     * on each CI machine could give each shard another size, and with it other batch-mates.
     */
    public static final int DEFAULT_BLOCK_SIZE = 4;

    public Shard {
        if (total < 1 || index < 1 || index > total) {
            throw new IllegalArgumentException("shard " + index + "/" + total
                    + " does not exist: write K/N with 1 <= K <= N, e.g. 2/3");
        }
    }

    /** Parses {@code K/N}; the message names {@code where} the text came from. */
    public static Shard parse(String text, String where) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "=" + text + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(where + "=" + text + " is not a shard: write K/N (1-based), e.g. 2/3");
    }

    /**
     * The shard given explicitly ({@code -Drobustgate.shard}, a POM setting) or else by GitLab's
     * {@code CI_NODE_INDEX}/{@code CI_NODE_TOTAL}; the whole set when neither is there.
     */
    public static Shard resolve(String explicit, Map<String, String> environment) {
        return resolve(explicit, environment, PROPERTY);
    }

    /**
     * The same, naming the explicit setting as the front-end spells it in messages: the CLI's
     * {@code --shard}, the plugin's and the JUnit extension's {@value #PROPERTY}.
     */
    public static Shard resolve(String explicit, Map<String, String> environment, String setting) {
        if (explicit != null && !explicit.isBlank()) {
            return parse(explicit, setting);
        }
        return fromEnvironment(environment).orElse(WHOLE);
    }

    static Optional<Shard> fromEnvironment(Map<String, String> environment) {
        String index = environment.get(INDEX_VARIABLE);
        String total = environment.get(TOTAL_VARIABLE);
        if (index == null || total == null || index.isBlank() || total.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(index + "/" + total, INDEX_VARIABLE + "/" + TOTAL_VARIABLE));
    }

    public boolean whole() {
        return total == 1;
    }

    /** Whether block {@code block} (0-based, in identity order) belongs to this shard. */
    public boolean holds(int block) {
        return block % total == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + total;
    }
}
