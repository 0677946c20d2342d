package io.robustgate.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Allure's {@code executor.json}: which CI ran the build, its name and links, read from the
 * variables GitHub Actions, GitLab CI and Jenkins set. Allure's overview shows it under
 * "Executors" and links each report back to its build.
 */
record AllureExecutor(String name, String type, String buildName, String buildUrl, String buildOrder, String url) {

    /** The CI this build runs on, from its environment; empty outside GitHub Actions, GitLab CI and Jenkins. */
    static Optional<AllureExecutor> fromEnvironment(Map<String, String> env) {
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
            String repository = env.getOrDefault("GITHUB_REPOSITORY", "");
            String run = env.getOrDefault("GITHUB_RUN_ID", "");
            return Optional.of(new AllureExecutor("GitHub Actions", "github",
                    env.getOrDefault("GITHUB_WORKFLOW", "workflow") + " #" + env.getOrDefault("GITHUB_RUN_NUMBER", run),
                    server + "/" + repository + "/actions/runs/" + run, env.get("GITHUB_RUN_NUMBER"),
                    server + "/" + repository));
        }
        if ("true".equals(env.get("GITLAB_CI"))) {
            return Optional.of(new AllureExecutor("GitLab CI", "gitlab",
                    env.getOrDefault("CI_PROJECT_NAME", "project") + " pipeline #" + env.getOrDefault("CI_PIPELINE_IID",
                            env.getOrDefault("CI_PIPELINE_ID", "")) + " (" + env.getOrDefault("CI_JOB_NAME", "job") + ")",
                    env.getOrDefault("CI_JOB_URL", env.get("CI_PIPELINE_URL")), env.get("CI_PIPELINE_IID"),
                    env.get("CI_PROJECT_URL")));
        }
        if (env.containsKey("JENKINS_URL") && env.containsKey("BUILD_NUMBER")) {
            return Optional.of(new AllureExecutor("Jenkins", "jenkins",
                    env.getOrDefault("JOB_NAME", "job") + " #" + env.get("BUILD_NUMBER"), env.get("BUILD_URL"),
                    env.get("BUILD_NUMBER"), env.get("JENKINS_URL")));
        }
        return Optional.empty();
    }

    /** Outside CI: the local Maven build, named after the project and when it started. */
    static AllureExecutor local(String project, String started) {
        return new AllureExecutor("Maven (local build)", "maven", project + " built " + started, null, null, null);
    }

    /** The fields of {@code executor.json}, absent ones left out. */
    Map<String, Object> json(String reportName) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type);
        json.put("buildName", buildName);
        putIfPresent(json, "buildUrl", buildUrl);
        putIfPresent(json, "url", url);
        if (buildOrder != null && buildOrder.matches("\\d+")) {
            json.put("buildOrder", Long.parseLong(buildOrder));
        }
        json.put("reportName", reportName);
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, String value) {
        if (value != null && !value.isBlank()) {
            json.put(key, value);
        }
    }
}
