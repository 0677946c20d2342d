package io.robustgate.maven;

import io.robustgate.gate.GateMetric;
import io.robustgate.gate.Limit;
import org.apache.maven.plugin.MojoExecutionException;

/** One {@code <limit>} of a rule: a metric and a minimum, a maximum or both. */
public class LimitConfiguration {

    private String metric;
    private String minimum;
    private String maximum;

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public void setMinimum(String minimum) {
        this.minimum = minimum;
    }

    public void setMaximum(String maximum) {
        this.maximum = maximum;
    }

    Limit toLimit(String path) throws MojoExecutionException {
        if (metric == null || metric.isBlank()) {
            throw new MojoExecutionException(path + ".metric is missing: use one of " + GateMetric.names());
        }
        GateMetric gateMetric = GateMetric.parse(metric).orElseThrow(() -> new MojoExecutionException(
                path + ".metric: '" + metric.trim() + "' is unknown: use one of " + GateMetric.names()));
        Double min = bound(path + ".minimum", minimum, gateMetric);
        Double max = bound(path + ".maximum", maximum, gateMetric);
        if (min == null && max == null) {
            throw new MojoExecutionException(path + ": a limit on " + gateMetric + " needs a <minimum>, a <maximum> or both");
        }
        if (min != null && max != null && min > max) {
            throw new MojoExecutionException(path + ": minimum " + min + " is above maximum " + max);
        }
        return new Limit(gateMetric, min, max);
    }

    /**
     * A bound within the metric's range ({@link GateMetric#limitProblem}, the rule the YAML and the
     * annotation share); a budget (the median critical eps) may be written as {@code 2/255}.
     */
    private static Double bound(String path, String text, GateMetric metric) throws MojoExecutionException {
        if (text == null || text.isBlank()) {
            return null;
        }
        double value;
        try {
            value = metric.isBudget() ? io.robustgate.attack.EpsFormat.parse(text) : Double.parseDouble(text.trim());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(path + ": '" + text.trim() + "' is not a number"
                    + (metric.isBudget() ? " or a budget such as 2/255" : ""));
        }
        java.util.Optional<String> problem = metric.limitProblem(value);
        if (problem.isPresent()) {
            throw new MojoExecutionException(path + ": " + text.trim() + " " + problem.get());
        }
        return value;
    }
}
