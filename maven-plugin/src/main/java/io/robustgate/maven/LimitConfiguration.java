package io.robustgate.maven;

import io.robustgate.configuration.LimitOptions;
import io.robustgate.configuration.OptionMap;
import io.robustgate.gate.Limit;
import org.apache.maven.plugin.MojoExecutionException;

/** One {@code <limit>} of a rule: a metric (any the registry knows) and a minimum, a maximum or both; read by {@link LimitOptions}. */
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

    /** The limit's elements as an option map for the parser every front-end shares. */
    OptionMap toOptions(OptionMap rule, int index) {
        return rule.nested("limits[" + index + "]").put("metric", metric).put("minimum", minimum).put("maximum", maximum);
    }

    Limit toLimit(String path) throws MojoExecutionException {
        try {
            return LimitOptions.entry(OptionMap.path(path).put("metric", metric).put("minimum", minimum)
                    .put("maximum", maximum));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
