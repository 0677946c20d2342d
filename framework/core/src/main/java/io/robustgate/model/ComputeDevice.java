package io.robustgate.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Chooses where tensors live: {@code auto} (a GPU when the CUDA natives see one, else the CPU),
 * {@code cpu}, {@code gpu} or {@code gpu:N}. Read from the {@value #PROPERTY} property by default.
 */
public final class ComputeDevice {

    public static final String PROPERTY = "robustgate.device";

    private ComputeDevice() {}

    public static Device fromSystemProperty() {
        return resolve(System.getProperty(PROPERTY, "auto"));
    }

    public static Device resolve(String spec) {
        String value = spec == null ? "auto" : spec.trim().toLowerCase();
        if (value.isEmpty() || value.equals("auto")) {
            return Engine.getEngine("PyTorch").defaultDevice();
        }
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        if (value.equals("gpu") || value.equals("cuda")) {
            return requireGpu(0, spec);
        }
        if (value.startsWith("gpu:") || value.startsWith("cuda:")) {
            try {
                return requireGpu(Integer.parseInt(value.substring(value.indexOf(':') + 1)), spec);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROPERTY + "=" + spec + " is not a device: use auto, cpu, gpu or gpu:N");
            }
        }
        throw new IllegalArgumentException(PROPERTY + "=" + spec + " is not a device: use auto, cpu, gpu or gpu:N");
    }

    private static Device requireGpu(int index, String spec) {
        int available = Engine.getEngine("PyTorch").getGpuCount();
        if (index >= available) {
            throw new IllegalArgumentException(PROPERTY + "=" + spec + " asks for GPU " + index + " but "
                    + available + " GPU(s) are visible (build with -Pgpu for the CUDA natives)");
        }
        return Device.gpu(index);
    }
}
