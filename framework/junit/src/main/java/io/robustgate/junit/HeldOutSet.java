package io.robustgate.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The held-out set (medvlsm layout: {@code anns/<split>.json}, {@code images/}, {@code masks/})
 * the {@link AdversarialRobustness} tests of a class attack. Overridden by the configuration
 * parameters {@code robustgate.data.dir}, {@code robustgate.data.split} and {@code robustgate.prompt}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface HeldOutSet {

    /** The set's root directory; relative paths resolve against the working directory. */
    String value();

    String split() default "test";

    /** The prompt key of each annotation entry to use, or {@code all} for every prompt variant. */
    String prompt() default "p1";
}
