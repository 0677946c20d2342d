package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.robustgate.RobustGateVersion;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.Sample;
import io.robustgate.model.ModelBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What results were computed from, by content: the model's TorchScript file, the held-out set
 * (every sample's id, prompt, image and mask bytes, in order) and the RobustGate version. Shards
 * and checkpoints are merged only when these agree, so merged or resumed results cannot mix models.
 *
 * @param modelFile the TorchScript file's name inside the bundle
 * @param sampleCount samples in the held-out set (all shards together)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Provenance(String robustgateVersion, String modelFile, String modelSha256, String datasetSha256,
        int sampleCount) {

    public static Provenance of(ModelBundle bundle, HeldOutSet set) {
        Path module = bundle.directory().resolve(bundle.manifest().file());
        return new Provenance(RobustGateVersion.current(), module.getFileName().toString(), fileSha256(module),
                datasetSha256(set), set.samples().size());
    }

    static String datasetSha256(HeldOutSet set) {
        MessageDigest digest = SampleBlocks.sha256();
        for (Sample sample : set.samples()) {
            for (String part : new String[] {sample.id(), sample.prompt(), fileSha256(sample.imageFile()),
                    fileSha256(sample.maskFile())}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String fileSha256(Path file) {
        MessageDigest digest = SampleBlocks.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to hash it", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
