package io.robustgate.junit;

import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Records into the Allure test case that allure-jupiter opened for the current invocation. Only
 * loaded after {@link TestReport#detect()} has found Allure on the class path.
 */
final class AllureTestReport implements TestReport {

    @Override
    public void parameter(String name, Object value) {
        Allure.parameter(name, Objects.toString(value));
    }

    @Override
    public <T> T step(String name, Supplier<T> work) {
        Allure.ThrowableRunnable<T> runnable = work::get;
        return Allure.step(name, runnable);
    }

    @Override
    public void attach(String name, String mediaType, String extension, byte[] content) {
        Allure.addAttachment(name, mediaType, new ByteArrayInputStream(content), extension);
    }

    @Override
    public void link(String name, String url) {
        Allure.link(name, url);
    }
}
