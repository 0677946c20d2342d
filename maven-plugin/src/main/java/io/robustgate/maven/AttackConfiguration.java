package io.robustgate.maven;

import io.robustgate.attack.AttackSpec;
import io.robustgate.configuration.AttackOptions;
import io.robustgate.configuration.ConfiguredAttack;
import io.robustgate.configuration.OptionMap;
import io.robustgate.evaluation.Analyses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One {@code <attack>} of {@code robustgate:evaluate}: a registered attack's {@code type}, one or more
 * budgets, and its options — in {@code <options>} by name, or as the shorthand elements
 * {@code <steps>}, {@code <alpha>}, {@code <randomStart>}, {@code <seed>}, {@code <loss>},
 * {@code <space>}, {@code <keepBest>}, which are the same options. Values are kept as text so a typo is
 * reported with the parameter's path and what is accepted, not as a bare conversion error.
 *
 * <p>The analyses around the attack are elements of their own: {@code <promptTransfer>true</promptTransfer>},
 * {@code <criticalDice>0.5</criticalDice>} or {@code <criticalFraction>0.5</criticalFraction>} with
 * {@code <criticalStep>0.5/255</criticalStep>}, and {@code <curvePoints>8</curvePoints>}. Limits by
 * name in {@code <limits>} ({@code <maxDiceDrop>0.10</maxDiceDrop>}) gate the attack's results in
 * {@code check} and {@code report}, as a rule for each of its budgets. Everything is read by
 * {@link AttackOptions}, the parser the annotation and the YAML share.
 */
public class AttackConfiguration {

    private String type;
    private String eps;
    private Map<String, String> options;
    private final Map<String, String> shorthand = new LinkedHashMap<>();
    private String promptTransfer;
    private String criticalDice;
    private String criticalFraction;
    private String criticalStep;
    private String curvePoints;
    private Map<String, String> limits;
    private String sequential;

    public void setType(String type) {
        this.type = type;
    }

    public void setEps(String eps) {
        this.eps = eps;
    }

    /** {@code <options><steps>100</steps><loss>MASKED_BCE</loss></options>}. */
    public void setOptions(Map<String, String> options) {
        this.options = options;
    }

    public void setSteps(String steps) {
        shorthand.put("steps", steps);
    }

    public void setAlpha(String alpha) {
        shorthand.put("alpha", alpha);
    }

    public void setRandomStart(String randomStart) {
        shorthand.put("randomStart", randomStart);
    }

    public void setSeed(String seed) {
        shorthand.put("seed", seed);
    }

    public void setLoss(String loss) {
        shorthand.put("loss", loss);
    }

    public void setSpace(String space) {
        shorthand.put("space", space);
    }

    public void setKeepBest(String keepBest) {
        shorthand.put("keepBest", keepBest);
    }

    public void setPromptTransfer(String promptTransfer) {
        this.promptTransfer = promptTransfer;
    }

    public void setCriticalDice(String criticalDice) {
        this.criticalDice = criticalDice;
    }

    public void setCriticalFraction(String criticalFraction) {
        this.criticalFraction = criticalFraction;
    }

    public void setCriticalStep(String criticalStep) {
        this.criticalStep = criticalStep;
    }

    public void setCurvePoints(String curvePoints) {
        this.curvePoints = curvePoints;
    }

    /** {@code <limits><minDice>0.80</minDice><maxHd95>12.5</maxHd95></limits>}: any limit name, gated by {@code check}. */
    public void setLimits(Map<String, String> limits) {
        this.limits = limits;
    }

    /** {@code <sequential>true</sequential>}: decide this attack's limits sequentially, as {@code evaluate}'s own flag does for all. */
    public void setSequential(String sequential) {
        this.sequential = sequential;
    }

    boolean hasLimits() {
        return limits != null && !limits.isEmpty();
    }

    /** The POM's elements as the settings every front-end shares; {@code path} (e.g. {@code attacks[1]}) names them. */
    OptionMap toOptions(String path) {
        OptionMap map = OptionMap.path(path);
        map.put("type", type);
        map.put("eps", eps);
        shorthand.forEach(map::put);
        if (options != null) {
            options.forEach((name, value) -> map.put(AttackOptions.OPTION_PREFIX + name, value, "options." + name));
        }
        map.put("promptTransfer", promptTransfer);
        map.put("criticalDice", criticalDice);
        map.put("criticalFraction", criticalFraction);
        map.put("criticalStep", criticalStep);
        map.put("curvePoints", curvePoints);
        map.putAll(limits, "limits.");
        map.put("sequential", sequential);
        return map;
    }

    /** The attack read by the one parser of core; every message names {@code path} and the element. */
    ConfiguredAttack configured(String path) throws MojoExecutionException {
        try {
            return AttackOptions.parse(toOptions(path));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** What is measured around the attack at each of its budgets. */
    Analyses toAnalyses(String path) throws MojoExecutionException {
        return configured(path).analyses();
    }

    /** One spec per budget. */
    List<AttackSpec> toSpecs(String path) throws MojoExecutionException {
        return configured(path).specs();
    }
}
