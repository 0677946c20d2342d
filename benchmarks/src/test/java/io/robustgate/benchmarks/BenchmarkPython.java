package io.robustgate.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python columns of the benchmarks: committed scripts run with Debian's python3-torch, which
 * inherit this JVM's environment (GLIBC_TUNABLES included) so both sides run under the same allocator.
 */
final class BenchmarkPython {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private BenchmarkPython() {
    }

    /** Whether {@link #PYTHON} can import torch; the benchmarks skip their Python column with a message when not. */
    static boolean hasTorch() {
        try {
            Process process = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The script's output lines, trimmed; a failing script fails the benchmark with its output. */
    static List<String> run(Path script, List<String> arguments) throws IOException, InterruptedException {
        return run(PYTHON, script, arguments);
    }

    /** As {@link #run(Path, List)} with another interpreter, e.g. a virtual environment's with a newer PyTorch. */
    static List<String> run(Path python, Path script, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toAbsolutePath().toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line.trim());
            }
        }
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(script.getFileName() + " failed: " + String.join("\n", lines));
        }
        return lines;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
