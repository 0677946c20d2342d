package io.robustgate.junit;

import java.util.function.Supplier;

/**
 * Where an invocation records its parameters, steps and attachments: Allure when the test class
 * path has it, otherwise nowhere (the results JSON is written either way).
 */
interface TestReport {

    TestReport NONE = new TestReport() {
        @Override
        public void parameter(String name, Object value) {}

        @Override
        public <T> T step(String name, Supplier<T> work) {
            return work.get();
        }

        @Override
        public void attach(String name, String mediaType, String extension, byte[] content) {}

        @Override
        public void link(String name, String url) {}
    };

    void parameter(String name, Object value);

    /** Runs {@code work} as a named step; a step that throws is recorded as failed and the throwable passes on. */
    <T> T step(String name, Supplier<T> work);

    default void step(String name, Runnable work) {
        step(name, () -> {
            work.run();
            return null;
        });
    }

    void attach(String name, String mediaType, String extension, byte[] content);

    /** A link shown with the test, e.g. to the build's dashboard. */
    void link(String name, String url);

    /** Allure if its API is on the class path; looked up by name so that it may be absent. */
    static TestReport detect() {
        try {
            Class.forName("io.qameta.allure.Allure", false, TestReport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return new AllureTestReport();
    }
}
