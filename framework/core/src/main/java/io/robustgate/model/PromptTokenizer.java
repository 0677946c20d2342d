package io.robustgate.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns prompts into the {@code input_ids} and {@code attention_mask} the model was traced with,
 * using the bundle's Hugging Face {@code tokenizer.json} (CLIP's BPE with start/end tokens).
 */
public final class PromptTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int contextLength;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, int contextLength) {
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
    }

    public static PromptTokenizer load(Path tokenizerJson, ModelManifest.TextSpec spec) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ModelBundleException(tokenizerJson, "tokenizer file not found");
        }
        // Padding to the full context keeps the traced graph's shapes; truncation keeps the end token.
        Map<String, String> options = Map.of(
                "padding", spec.padsToContext() ? "max_length" : "longest",
                "maxLength", Integer.toString(spec.contextLength()),
                "truncation", "true");
        try {
            return new PromptTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), spec.contextLength());
        } catch (IOException | RuntimeException e) {
            throw new ModelBundleException(tokenizerJson, "not a Hugging Face tokenizer.json: " + e.getMessage(), e);
        }
    }

    public int contextLength() {
        return contextLength;
    }

    /** Encodes a batch; every row has the same length. */
    public TokenBatch encode(List<String> prompts) {
        Encoding[] encodings = tokenizer.batchEncode(prompts);
        long[][] ids = new long[prompts.size()][];
        long[][] mask = new long[prompts.size()][];
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
        }
        return new TokenBatch(ids, mask);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
