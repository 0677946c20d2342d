package io.robustgate.junit;

import io.robustgate.attack.AttackNames;
import io.robustgate.gate.GateStatistic;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A robustness requirement: attack the held-out set of the class's {@link RobustnessModel} and
 * fail when the attacked figures pass a limit. Each budget in {@link #eps()} is one invocation,
 * named like {@code PGD eps=2/255 steps=40}; a test method may take the {@code RobustnessResult}
 * as a parameter to assert more.
 *
 * <p>Repeatable, and usable as a meta-annotation, so a team can name its release criteria once:
 * <pre>{@code
 * @AdversarialRobustness(attack = PGD, eps = 2/255f, minDice = 0.80)
 * @AdversarialRobustness(attack = FGSM, eps = {1/255f, 2/255f, 4/255f}, minIoU = 0.60)
 * @Retention(RUNTIME) @Target(METHOD)
 * @interface ReleaseGate {}
 * }</pre>
 *
 * <p>Limits left at their default ({@code NaN}) are not checked. A limit outside its metric's range
 * (Dice, IoU, worst-prompt Dice, prompt spread, curve area and the median critical eps in [0,1], the
 * drops in [−1,1]) fails the test's configuration, as it fails the Maven plugin's and the CLI's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(AdversarialRobustness.List.class)
@TestTemplate
@ExtendWith(AdversarialRobustnessExtension.class)
public @interface AdversarialRobustness {

    /**
     * The attack's registered name, matched case-insensitively: one of {@link AttackNames} ({@code PGD},
     * {@code APGD}, {@code ENSEMBLE}, …) or an attack of one's own registered under
     * {@code META-INF/services/io.robustgate.attack.AttackDefinition}.
     */
    String attack() default AttackNames.PGD;

    /**
     * Budgets in [0,1] pixel units (write {@code 2/255f}), radii of the attack's ball; one invocation
     * each. Left out for an attack without a budget ({@code CORRUPTION}, whose strength is its severity).
     */
    float[] eps() default {};

    /** Iterations, for attacks that take a {@code steps} option; 0 keeps the attack's default (PGD 40, APGD 100). */
    int steps() default 0;

    /**
     * The attack's other options as {@code name=value}, e.g. {@code {"loss=MASKED_BCE", "seed=7"}}; see
     * each attack's options in docs/attack-catalogue.md. An option the attack does not declare fails the test.
     */
    String[] options() default {};

    /** Fail the gate on a gradient-masking alarm too, not only report it. */
    boolean failOnAlarms() default false;

    double minDice() default Double.NaN;

    double minIoU() default Double.NaN;

    double maxDiceDrop() default Double.NaN;

    double maxIoUDrop() default Double.NaN;

    /**
     * With the held-out set read with {@code prompt = "all"}: the mean over images of each image's
     * lowest attacked Dice across its prompts. Any set with several prompts per image is compared
     * prompt by prompt in the report; this gates it.
     */
    double minWorstPromptDice() default Double.NaN;

    /** With {@code prompt = "all"}: the mean over images of max − min attacked Dice across an image's prompts. */
    double maxPromptSpread() default Double.NaN;

    /**
     * Evaluate the perturbation crafted under each prompt under every other prompt of the same image
     * ({@code prompt = "all"}); the attack runs once more per sample. Reported, not gated.
     */
    boolean promptTransfer() default false;

    /**
     * Search, per sample, for the smallest budget in (0, eps] at which this attack takes the Dice
     * below this value, by bisection to {@link #criticalStep()}; NaN: no search. At most one of this
     * and {@link #criticalFraction()}.
     */
    double criticalDice() default Double.NaN;

    /** As {@link #criticalDice()}, with the threshold a fraction of each sample's clean Dice (e.g. 0.5). */
    double criticalFraction() default Double.NaN;

    /** The bisection's resolution in [0,1] pixel units. */
    float criticalStep() default 0.5f / 255f;

    /** Lower limit on the median critical budget (needs criticalDice or criticalFraction), e.g. {@code 2/255.0}. */
    double minMedianCriticalEps() default Double.NaN;

    /**
     * Budgets of a Dice-against-eps curve evenly spaced in (0, eps], e.g. 8; 0: no curve. The attack
     * runs once per point (the last is the invocation's own result).
     */
    int curvePoints() default 0;

    /** Lower limit on the curve's area normalised to [0,1] (needs curvePoints). */
    double minCurveArea() default Double.NaN;

    /**
     * Limits by name, {@code "name = value"}: any limit name of a registered metric, e.g.
     * {@code limits = {"maxDiceDrop = 0.05", "maxHd95 = 12.5"}}, so that a metric without an attribute
     * of its own is gated too. The same names as the POM's and the YAML's {@code limits}; an entry and
     * an attribute for the same limit fail the test's configuration.
     */
    String[] limits() default {};

    /** Gate the mean, or the pessimistic end of its bootstrap 95% interval. */
    GateStatistic gateOn() default GateStatistic.MEAN;

    /**
     * Decide the limits sequentially: attack the held-out set batch by batch in a seeded random order and stop once
     * every limit is decided on an anytime-valid confidence sequence at α = 0.05 (all met, or one missed); undecided
     * limits keep it going to the last image, where the figures are a full run's. The result then holds the images
     * attacked and the decisions ({@code RobustnessResult#sequentialRecord()}). See docs/sequential.md.
     */
    boolean sequential() default false;

    /** Prompt key to use instead of the one of {@link HeldOutSet#prompt()}; empty keeps it. */
    String prompt() default "";

    /** Attack only the first n samples; 0 attacks all. */
    int sampleLimit() default 0;

    /**
     * Each invocation's display name, as {@code @ParameterizedTest(name = …)}: placeholders
     * {@code {displayName}} ({@code PGD eps=2/255 steps=40}), {@code {attack}} ({@code PGD}),
     * {@code {eps}} ({@code 2/255}), {@code {options}} ({@code steps=40}), {@code {gate}}
     * ({@code minDice 0.8}), {@code {prompt}} and {@code {index}}. E.g.
     * {@code name = "{attack} at {eps} keeps {gate}"}. Allure, the console and Surefire's XML (with
     * {@code usePhrasedTestCaseMethodName}) show it.
     */
    String name() default InvocationName.DEFAULT;

    /**
     * The container the compiler puts repeated {@code @AdversarialRobustness} in. It carries the
     * same meta-annotations, so a method with several requirements is still a test template.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @TestTemplate
    @ExtendWith(AdversarialRobustnessExtension.class)
    @interface List {
        AdversarialRobustness[] value();
    }
}
