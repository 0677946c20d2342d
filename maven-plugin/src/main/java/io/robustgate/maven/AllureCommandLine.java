package io.robustgate.maven;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Allure command line, unpacked from its distribution zip and run with this JVM's java. The
 * {@code bin/allure} script would need JAVA_HOME and a shell; starting the main class ourselves
 * needs neither, and the report comes out the same.
 */
final class AllureCommandLine {

    static final String MAIN_CLASS = "io.qameta.allure.CommandLine";
    private static final long TIMEOUT_MINUTES = 10;

    private final Path home;

    private AllureCommandLine(Path home) {
        this.home = home;
    }

    /**
     * Unpacks {@code zip} under {@code directory} once; a later build finds the {@code lib/} folder
     * and skips the work. The zip holds a single top folder, {@code allure-<version>/}.
     */
    static AllureCommandLine unpack(File zip, Path directory) throws IOException {
        Path marker = directory.resolve(".unpacked-from-" + zip.getName());
        if (!Files.exists(marker)) {
            FileTrees.delete(directory);
            Files.createDirectories(directory);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip.toPath()))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = directory.resolve(entry.getName()).normalize();
                    if (!target.startsWith(directory)) {
                        throw new IOException(zip + ": entry " + entry.getName() + " points outside the folder; refused");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.createFile(marker);
        }
        try (var children = Files.list(directory)) {
            Path home = children.filter(p -> Files.isDirectory(p.resolve("lib"))).findFirst()
                    .orElseThrow(() -> new IOException(zip + " has no allure-<version>/lib folder: not an Allure distribution"));
            return new AllureCommandLine(home);
        }
    }

    Path home() {
        return home;
    }

    /** {@code allure generate --clean [--single-file] -o output results}; every output line goes to {@code log}. */
    void generate(Path results, Path output, boolean singleFile, String reportName, Consumer<String> log)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("generate", "--clean"));
        if (singleFile) {
            arguments.add("--single-file");
        }
        if (reportName != null && !reportName.isBlank()) {
            arguments.addAll(List.of("--name", reportName));
        }
        arguments.addAll(List.of("-o", output.toString(), results.toString()));
        run(arguments, log);
    }

    private void run(List<String> arguments, Consumer<String> log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = home.resolve("lib") + File.separator + "*" + File.pathSeparator + home.resolve("lib").resolve("config");
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, MAIN_CLASS));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Allure finds its configuration and plugins through APP_HOME, which bin/allure would set.
        builder.environment().put("APP_HOME", home.toString());
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                log.accept(line);
            }
        }
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("allure " + String.join(" ", arguments) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException("allure " + String.join(" ", arguments) + " exited with " + process.exitValue() + ": "
                    + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
        }
    }
}
