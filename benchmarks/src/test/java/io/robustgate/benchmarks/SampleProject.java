package io.robustgate.benchmarks;

import java.nio.file.Path;

/**
 * Where the benchmarks find what they measure: the sample project's model bundles, held-out set,
 * Python scripts and the real-size bundles those scripts build into its {@code target/}. The
 * benchmarks' POM sets {@code benchmark.sampleProject} to {@code ${project.basedir}/../sample-project};
 * without it the folder resolves against the working directory (this module's, under Maven).
 */
final class SampleProject {

    static final Path DIR = Path.of(System.getProperty("benchmark.sampleProject", "../sample-project"));
    /** The sample's model bundles: hc18 (the trained VLSM), unet, unet-ops, large-input. */
    static final Path MODELS = DIR.resolve("src/test/resources/models");
    /** The sample's 48-pair HC18 held-out set. */
    static final Path HELD_OUT = DIR.resolve("src/test/resources/hc18");
    /** The sample's Python scripts (fixtures, real-size builds, the benchmarks' Python loops). */
    static final Path PYTHON = DIR.resolve("python");
    /** Where the sample's Python scripts write the bundles they build (never committed). */
    static final Path TARGET = DIR.resolve("target");

    private SampleProject() {}
}
