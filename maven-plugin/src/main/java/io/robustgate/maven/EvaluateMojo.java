package io.robustgate.maven;

import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.DuplicateAttacks;
import io.robustgate.data.HeldOutSet;
import io.robustgate.configuration.ConfiguredAttack;
import io.robustgate.configuration.OptionMap;
import io.robustgate.configuration.OptionValues;
import io.robustgate.evaluation.Analyses;
import io.robustgate.gate.GateStatistic;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.Shard;
import io.robustgate.model.ModelBundle;
import io.robustgate.run.EvaluationRun;
import io.robustgate.run.EvaluationRunException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Attacks a model bundle on a held-out set with the attacks declared in the POM and writes the
 * results JSON for {@code robustgate:check} and {@code robustgate:report}. The model is loaded once
 * and its clean pass is shared by every attack and budget.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class EvaluateMojo extends AbstractMojo {

    /** Model bundle directory: {@code robustgate-model.json}, the TorchScript file and the tokenizer. */
    @Parameter(property = "robustgate.model", required = true)
    File model;

    /** Held-out set root in the medvlsm layout: {@code anns/<split>.json}, {@code images/}, {@code masks/}. */
    @Parameter(property = "robustgate.dataset", required = true)
    File dataset;

    @Parameter(property = "robustgate.split", defaultValue = "test")
    String split;

    /** Prompt key of each annotation ({@code p1} …), or {@code all} for every prompt variant. */
    @Parameter(property = "robustgate.prompt", defaultValue = "p1")
    String prompt;

    /**
     * Each attack has a {@code type} — a registered attack's name: {@code FGSM}, {@code PGD},
     * {@code SEGPGD}, {@code COSPGD}, {@code APGD}, {@code PGD_L2}, {@code ENSEMBLE}, the black-box
     * {@code SQUARE}, the set-level {@code UNIVERSAL} (see docs/attack-catalogue.md), or one of the
     * project's own (registered in its test class path under
     * {@code META-INF/services/io.robustgate.attack.AttackDefinition}) — and {@code eps}: one budget or
     * a comma-separated list, as fractions ({@code 2/255}) or decimals. The attack's options go in
     * {@code <options>} by name ({@code <options><steps>100</steps><loss>MASKED_BCE</loss></options>});
     * {@code steps}, {@code alpha}, {@code randomStart}, {@code seed}, {@code loss}, {@code space} and
     * {@code keepBest} may also be written directly inside {@code <attack>}.
     */
    @Parameter(required = true)
    List<AttackConfiguration> attacks;

    /** Attack only the first N samples (0: all), for quick runs. */
    @Parameter(property = "robustgate.sampleLimit", defaultValue = "0")
    int sampleLimit;

    /** {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}. */
    @Parameter(property = "robustgate.device", defaultValue = "auto")
    String device;

    /**
     * Samples per batch. Unset: measured per model on the first samples (a few gradient passes at
     * 1, 2, 4, 8, 16; the fastest per sample is kept and recorded in the results' {@code timings}).
     * Set it to the recorded value to reproduce a run bit for bit.
     */
    @Parameter(property = "robustgate.batchSize")
    Integer batchSize;

    /**
     * libtorch threads for the attacks, which run in Maven's own JVM. Unset: libtorch's default
     * (one per core). On a shared CI machine 1 is often fastest, since OpenMP workers spin when
     * their cores are busy. Takes effect only before the first model load in this JVM, and a
     * {@code -Dai.djl.pytorch.num_threads} in MAVEN_OPTS wins.
     */
    @Parameter(property = "robustgate.torchThreads")
    Integer torchThreads;

    /**
     * Evaluate only shard {@code K/N} of the held-out set (1-based), e.g. one job of a CI matrix;
     * unset: GitLab's {@code CI_NODE_INDEX}/{@code CI_NODE_TOTAL} when present, else the whole set.
     * Samples are split by identity into blocks of the batch size (4 when it is automatic), shards
     * take whole blocks, and {@code check}/{@code report} merge the shards' results files into
     * exactly what one unsharded run with that batch size gives.
     */
    @Parameter(property = "robustgate.shard")
    String shard;

    /**
     * Where finished batches are checkpointed; a run killed half-way and started again with the same
     * model, data, attacks and batch size resumes from there with identical results. Unset: none.
     */
    @Parameter(property = "robustgate.checkpointDirectory")
    File checkpointDirectory;

    /**
     * Decide each attack's {@code <limits>} sequentially (docs/sequential.md): the held-out set is attacked batch by
     * batch in a seeded random order, and an attack stops once every limit is decided on an anytime-valid confidence
     * sequence at α = 0.05 (all met, or one missed); undecided limits keep it going to the last image, where the
     * figures are a full run's. An attack without limits is attacked whole. Refused with {@code shard}.
     */
    @Parameter(property = "robustgate.sequential", defaultValue = "false")
    boolean sequential;

    /**
     * The statistic a sequential evaluation decides, as {@code check}'s {@code gateOn} (declare it once at plugin
     * level for both): {@code MEAN}, the held-out set's mean, or {@code CONFIDENCE_BOUND}, the mean of the population
     * the set was drawn from. An attack's own {@code gateOn} wins.
     */
    @Parameter(property = "robustgate.gateOn", defaultValue = "MEAN")
    String gateOn;

    @Parameter(property = "robustgate.resultsFile", defaultValue = "${project.build.directory}/robustgate/evaluate.json")
    File resultsFile;

    @Parameter(property = "robustgate.skip", defaultValue = "false")
    boolean skip;

    /** The project's test class path, searched for attacks of its own. */
    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true)
    List<String> testClasspath;

    /** With tests skipped ({@code -DskipTests}, {@code -Dmaven.test.skip}) nothing is evaluated either. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean mavenTestSkip;

    static final String SOURCE = "maven:evaluate";

    @Override
    public void execute() throws MojoExecutionException {
        if (SkipReason.skipped(getLog(), "evaluate", skip, skipTests, mavenTestSkip)) {
            return;
        }
        // Attacks are looked up through the context class loader: make it see the project's own.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (ProjectClassLoader projectLoader = ProjectClassLoader.of(testClasspath, getClass().getClassLoader())) {
            thread.setContextClassLoader(projectLoader.loader());
            evaluate();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void evaluate() throws MojoExecutionException {
        attackSpecs();
        List<ConfiguredAttack> configured = new ArrayList<>();
        for (int i = 0; i < attacks.size(); i++) {
            configured.add(attacks.get(i).configured("attacks[" + i + "]"));
        }
        GateStatistic statistic;
        try {
            statistic = OptionValues.constant(OptionMap.path("").put("gateOn", gateOn), "gateOn", GateStatistic.class);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        checkInputs();
        CudaProbeLogging.quiet();
        EvaluationRun.Settings settings = new EvaluationRun.Settings(model.toPath(), dataset.toPath(), split, prompt,
                sampleLimit, device, batchSize == null ? EvaluationOptions.AUTO_BATCH_SIZE : batchSize, torchThreads,
                shard(), checkpointDirectory == null ? null : checkpointDirectory.toPath(), resultsFile.toPath(), SOURCE,
                "mvn");
        try {
            List<EvaluationRun.Attack> runs = EvaluationRun.attacks(configured, sequential, statistic);
            if (sequential) {
                for (int i = 0; i < configured.size(); i++) {
                    if (configured.get(i).limits().isEmpty()) {
                        getLog().info("sequential: attacks[" + i + "] has no <limits> to decide; every image is attacked");
                    }
                }
            }
            EvaluationRun.run(settings, runs, new EvaluationRun.Listener() {
                @Override
                public void info(String message) {
                    getLog().info(message);
                }

                @Override
                public void warn(String message) {
                    getLog().warn(message);
                }
            });
        } catch (EvaluationRunException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Every configured attack at every budget, validated before anything expensive is loaded. */
    List<AttackSpec> attackSpecs() throws MojoExecutionException {
        if (attacks == null || attacks.isEmpty()) {
            throw new MojoExecutionException("attacks: declare at least one <attack>, e.g. <attack><type>PGD</type><eps>2/255</eps></attack>");
        }
        List<AttackSpec> specs = new ArrayList<>();
        List<DuplicateAttacks.Entry> entries = new ArrayList<>();
        for (int i = 0; i < attacks.size(); i++) {
            String where = "attacks[" + i + "]";
            for (AttackSpec spec : attacks.get(i).toSpecs(where)) {
                specs.add(spec);
                entries.add(new DuplicateAttacks.Entry(where, spec));
            }
        }
        try {
            DuplicateAttacks.refuse(entries);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        return specs;
    }

    void checkInputs() throws MojoExecutionException {
        java.util.Optional<String> modelProblem = ModelBundle.locationProblem(model == null ? null : model.toPath());
        if (modelProblem.isPresent()) {
            throw new MojoExecutionException("model: " + modelProblem.get());
        }
        java.util.Optional<String> datasetProblem = HeldOutSet.locationProblem(dataset == null ? null : dataset.toPath());
        if (datasetProblem.isPresent()) {
            throw new MojoExecutionException("dataset: " + datasetProblem.get());
        }
        if (split == null || split.isBlank()) {
            throw new MojoExecutionException("split: must not be empty (e.g. test)");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new MojoExecutionException("prompt: must not be empty (e.g. p1, or all)");
        }
        if (batchSize != null && batchSize < 1) {
            throw new MojoExecutionException("batchSize: must be at least 1 but is " + batchSize);
        }
        if (sampleLimit < 0) {
            throw new MojoExecutionException("sampleLimit: must be 0 (all samples) or more but is " + sampleLimit);
        }
    }

    private Shard shard() throws MojoExecutionException {
        try {
            return Shard.resolve(shard, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("shard: " + e.getMessage(), e);
        }
    }
}
