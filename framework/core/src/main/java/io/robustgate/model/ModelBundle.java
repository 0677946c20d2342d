package io.robustgate.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded model bundle: manifest, tokenizer and differentiable network on one device. Load it
 * once per JVM and close it at the end; it owns native memory.
 */
public final class ModelBundle implements AutoCloseable {

    private final Path directory;
    private final ModelManifest manifest;
    private final Model model;
    /** The BPDA stand-in named by {@code gradientFile}, or null. */
    private final Model gradientModel;
    private final PromptTokenizer tokenizer;
    private final SegmentationNetwork network;

    private ModelBundle(Path directory, ModelManifest manifest, Model model, Model gradientModel,
            PromptTokenizer tokenizer, SegmentationNetwork network) {
        this.directory = directory;
        this.manifest = manifest;
        this.model = model;
        this.gradientModel = gradientModel;
        this.tokenizer = tokenizer;
        this.network = network;
    }

    /** Loads on the device named by the {@value ComputeDevice#PROPERTY} property (default auto). */
    public static ModelBundle load(Path directory) {
        return load(directory, ComputeDevice.fromSystemProperty());
    }

    /**
     * Why {@code directory} cannot be a bundle, before anything is read: it does not exist, or it is
     * a file (often the TorchScript file itself, where its folder was meant). Front-ends put their
     * parameter in front ({@code model: …}).
     */
    public static java.util.Optional<String> locationProblem(Path directory) {
        if (directory != null && Files.isDirectory(directory)) {
            return java.util.Optional.empty();
        }
        if (directory != null && Files.exists(directory)) {
            return java.util.Optional.of("model bundle directory " + directory + " is a file, not a directory: name the"
                    + " folder that holds " + ModelManifest.FILE_NAME + " and the TorchScript file");
        }
        return java.util.Optional.of("model bundle directory " + directory + " does not exist");
    }

    public static ModelBundle load(Path directory, Device device) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ModelBundleException(directory, "is a file, not a model bundle directory: name the folder that holds "
                    + ModelManifest.FILE_NAME + " and the TorchScript file");
        }
        if (!Files.isDirectory(directory)) {
            throw new ModelBundleException(directory, "model bundle directory not found");
        }
        ModelManifest manifest = ModelManifest.read(directory.resolve(ModelManifest.FILE_NAME));
        Path moduleFile = directory.resolve(manifest.file());
        if (!Files.isRegularFile(moduleFile)) {
            throw new ModelBundleException(moduleFile, "TorchScript file named in " + ModelManifest.FILE_NAME + " not found");
        }
        Path gradientFile = manifest.gradientFile() == null ? null : directory.resolve(manifest.gradientFile());
        if (gradientFile != null && !Files.isRegularFile(gradientFile)) {
            throw new ModelBundleException(gradientFile, "gradientFile named in " + ModelManifest.FILE_NAME + " not found");
        }
        PromptTokenizer tokenizer = PromptTokenizer.load(directory.resolve(manifest.text().tokenizer()), manifest.text());
        Model model = null;
        Model gradientModel = null;
        try {
            model = loadModule(manifest.name(), moduleFile, device);
            gradientModel = gradientFile == null ? null : loadModule(manifest.name() + "-gradient", gradientFile, device);
        } catch (ModelBundleException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
        // The stand-in shares the model's normalisation and native memory: it is the same signature on the same pixels.
        SegmentationNetwork standIn = gradientModel == null ? null : new SegmentationNetwork(
                (PtSymbolBlock) gradientModel.getBlock(), gradientFile, manifest.image(), model.getNDManager(), null);
        SegmentationNetwork network = new SegmentationNetwork(
                (PtSymbolBlock) model.getBlock(), moduleFile, manifest.image(), model.getNDManager(), standIn);
        ModelBundle bundle = new ModelBundle(directory, manifest, model, gradientModel, tokenizer, network);
        try {
            bundle.probeSignature();
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
        return bundle;
    }

    private static Model loadModule(String name, Path moduleFile, Device device) {
        Model model = Model.newInstance(name, device, "PyTorch");
        try {
            // trainParam=true loads ordinary (non-inference) tensors, so input gradients can flow.
            model.load(moduleFile, null, Map.of("trainParam", "true", "mapLocation", "true"));
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new ModelBundleException(moduleFile, "cannot load TorchScript module: " + e.getMessage(), e);
        }
        return model;
    }

    /** One tiny forward at load time, so a wrong signature fails here with the file named, not mid-run. */
    private void probeSignature() {
        ModelManifest.ImageSpec image = manifest.image();
        try (NDManager scope = model.getNDManager().newSubManager()) {
            TokenBatch tokens = tokenizer.encode(List.of("probe"));
            NDArray pixels = scope.zeros(new ai.djl.ndarray.types.Shape(1, image.channels(), image.height(), image.width()));
            network.logits(pixels, tokens.idsArray(scope), tokens.attentionMaskArray(scope));
            if (network.hasGradientStandIn()) {
                network.gradientLogits(pixels, tokens.idsArray(scope), tokens.attentionMaskArray(scope));
            }
        }
    }

    public Path directory() {
        return directory;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public String name() {
        return manifest.name();
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    public PromptTokenizer tokenizer() {
        return tokenizer;
    }

    public SegmentationNetwork network() {
        return network;
    }

    /** A fresh manager on the bundle's device; close it to free the arrays made with it. */
    public NDManager newManager() {
        return model.getNDManager().newSubManager();
    }

    @Override
    public void close() {
        tokenizer.close();
        if (gradientModel != null) {
            gradientModel.close();
        }
        model.close();
    }
}
