package io.robustgate.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class TestReportTest {

    @Test
    void usesAllureWhenItIsOnTheClassPath() {
        assertEquals(AllureTestReport.class, TestReport.detect().getClass());
    }

    @Test
    void fallsBackToNoReportWhenAllureIsAbsent() throws Exception {
        ClassLoader withoutAllure = new ExtensionWithoutAllure(getClass().getClassLoader());
        Class<?> reportType = Class.forName(TestReport.class.getName(), true, withoutAllure);
        // The interface is package-private, and a class of another loader is in another runtime package.
        java.lang.reflect.Method detect = reportType.getMethod("detect");
        detect.setAccessible(true);
        java.lang.reflect.Field none = reportType.getField("NONE");
        none.setAccessible(true);
        assertSame(none.get(null), detect.invoke(null));
    }

    @Test
    void noReportStillRunsTheWork() {
        assertEquals("done", TestReport.NONE.step("a step", () -> "done"));
    }

    /** Loads this module's classes itself and pretends that no Allure class exists. */
    private static final class ExtensionWithoutAllure extends ClassLoader {

        ExtensionWithoutAllure(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.qameta.allure.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("io.robustgate.junit.")) {
                return super.loadClass(name, resolve);
            }
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return loaded;
        }
    }
}
