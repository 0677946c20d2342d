package io.robustgate.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model bundle the {@link AdversarialRobustness} tests of a class attack. The configuration
 * parameter {@code robustgate.model.dir} (system property or {@code junit-platform.properties})
 * overrides it; a relative path resolves against the working directory, under Maven the module.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface RobustnessModel {

    /** Directory holding {@code robustgate-model.json}, the TorchScript file and the tokenizer. */
    String value();

    /** {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; {@code robustgate.device} overrides it. */
    String device() default "auto";
}
