package io.robustgate.maven;

import io.robustgate.gate.RuleOutcome;
import io.robustgate.report.DashboardData;
import io.robustgate.results.ResultsDocument;
import io.robustgate.report.RobustnessDashboard;
import io.robustgate.report.SummaryTable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Publishes the Allure report of the build: the JUnit tests' Allure results plus the results of
 * {@code robustgate:evaluate}, as a folder ({@code index.html} and its data) and as one
 * self-contained HTML file, keeping Allure's history from the previous report, with the
 * robustness summary as Markdown and JSON and the {@code robustness.html} dashboard beside it. Never fails the build over a violated rule;
 * that is {@code robustgate:check}'s job.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractGateMojo {

    static final String SUMMARY_MARKDOWN = "robustness-summary.md";
    static final String SUMMARY_JSON = "robustness-summary.json";
    static final String SINGLE_FILE_FOLDER = "single-file";

    /** Folders and files of a generated Allure report; only these are replaced in {@code reportDirectory}. */
    private static final List<String> ALLURE_OUTPUTS = List.of("index.html", "app.js", "styles.css", "favicon.ico",
            "data", "export", "history", "plugin", "widgets", SINGLE_FILE_FOLDER);

    /** Where Allure results are collected: the JUnit tests' (allure-jupiter) and those converted here. */
    @Parameter(property = "robustgate.allureResultsDirectory", defaultValue = "${project.build.directory}/allure-results")
    File allureResultsDirectory;

    /**
     * Where the report goes: {@code index.html} (folder form), {@code single-file/index.html}, and
     * the summary as {@code robustness-summary.md} and {@code .json}. Other files there are kept.
     */
    @Parameter(property = "robustgate.reportDirectory", defaultValue = "${project.build.directory}/robustgate-report")
    File reportDirectory;

    /** Also write the report as one self-contained HTML file. */
    @Parameter(property = "robustgate.singleFile", defaultValue = "true")
    boolean singleFile;

    /** Report title. */
    @Parameter(property = "robustgate.reportName", defaultValue = "RobustGate: ${project.name}")
    String reportName;

    /** Version of {@code io.qameta.allure:allure-commandline} (a zip on Maven Central). */
    @Parameter(property = "robustgate.allureVersion", defaultValue = "2.34.0")
    String allureVersion;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    private final RepositorySystem repositorySystem;

    @Inject
    public ReportMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped("report")) {
            return;
        }
        BuildResults buildResults = readResults();
        List<ResultsDocument> documents = buildResults.fresh();
        List<RuleOutcome> outcomes = hasRules() ? ruleCheck().check(allResults(documents)) : List.of();
        Path results = allureResultsDirectory.toPath().toAbsolutePath().normalize();
        Path report = reportDirectory.toPath().toAbsolutePath().normalize();
        try {
            int converted = 0;
            AllureResultsExport export = new AllureResultsExport(results, outcomes,
                    List.of(resultsDirectory.toPath().toAbsolutePath().normalize()));
            for (ResultsDocument document : documents) {
                if (AllureResultsExport.fromPlugin(document)) {
                    converted += export.write(document);
                }
            }
            Files.createDirectories(results);
            getLog().info("Allure results in " + results + " (" + converted + " converted from robustgate:evaluate)");
            AllureHistory.carryOver(report, results);
            AllureCommandLine allure = AllureCommandLine.unpack(allureZip(),
                    Path.of(project.getBuild().getDirectory(), "allure-commandline"));
            Path staging = Path.of(project.getBuild().getDirectory(), "robustgate-report-staging");
            Path thisBuild = staging.resolve("allure-results");
            int stale = FreshAllureResults.copy(results, thisBuild, freshSince());
            if (stale > 0) {
                getLog().warn("Ignoring " + stale + " Allure result file(s) in " + results
                        + " written before this build started (an earlier build's)");
            }
            AllureEnvironment.write(thisBuild, documents, executor(), reportName);
            allure.generate(thisBuild, staging.resolve("folder"), false, reportName, getLog()::debug);
            if (singleFile) {
                allure.generate(thisBuild, staging.resolve(SINGLE_FILE_FOLDER), true, reportName, getLog()::debug);
            }
            publish(staging, report);
            SummaryTable summary = SummaryTable.of(documents, outcomes);
            summary.writeMarkdown(report.resolve(SUMMARY_MARKDOWN));
            summary.writeJson(report.resolve(SUMMARY_JSON));
            Path dashboard = RobustnessDashboard.publish(report, new DashboardData(reportName, documents, outcomes,
                    List.of(resultsDirectory.toPath().toAbsolutePath().normalize())), buildLabel());
            if (singleFile) {
                // The tests' "robustness dashboard" link is relative to the page that shows them.
                Files.copy(dashboard, report.resolve(SINGLE_FILE_FOLDER).resolve(RobustnessDashboard.FILE),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            getLog().info("Robustness dashboard: " + dashboard);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot generate the Allure report in " + report + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while generating the Allure report", e);
        }
        getLog().info("Allure report: " + report.resolve("index.html"));
        if (singleFile) {
            getLog().info("Single-file Allure report: " + report.resolve(SINGLE_FILE_FOLDER).resolve("index.html"));
        }
        getLog().info("Robustness summary: " + report.resolve(SUMMARY_MARKDOWN) + " and " + SUMMARY_JSON);
    }

    /** The CI build running this, or the local build when none. */
    private AllureExecutor executor() {
        String started = session != null ? session.getStartTime().toInstant().toString() : java.time.Instant.now().toString();
        return AllureExecutor.fromEnvironment(System.getenv())
                .orElseGet(() -> AllureExecutor.local(project.getName(), started));
    }

    /** How the trend names this build: the CI's build name, or the local build's start. */
    private String buildLabel() {
        return executor().buildName();
    }

    /** The distribution zip through Maven's resolver: from the local repository, or downloaded once. */
    private File allureZip() throws MojoExecutionException {
        DefaultArtifact artifact = new DefaultArtifact("io.qameta.allure", "allure-commandline", "zip", allureVersion);
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(artifact, project.getRemotePluginRepositories(), null)).getArtifact().getFile();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("allureVersion: cannot resolve " + artifact + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the Allure outputs in {@code report} with the freshly generated ones and leaves
     * everything else there alone: the folder may be a shared one such as a repository's
     * {@code reports/}, and {@code allure generate --clean} would wipe it whole.
     */
    private static void publish(Path staging, Path report) throws IOException {
        Files.createDirectories(report);
        for (String name : ALLURE_OUTPUTS) {
            FileTrees.delete(report.resolve(name));
        }
        FileTrees.copy(staging.resolve("folder"), report);
        if (Files.isDirectory(staging.resolve(SINGLE_FILE_FOLDER))) {
            FileTrees.copy(staging.resolve(SINGLE_FILE_FOLDER), report.resolve(SINGLE_FILE_FOLDER));
        }
    }
}
