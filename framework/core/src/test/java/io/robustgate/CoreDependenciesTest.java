package io.robustgate;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine stays an engine: charts, templates and Markdown belong to the report module, so a
 * project that only evaluates and gates does not carry them. Core's test class path is its own
 * dependency tree, so a class of one of those libraries must not load here.
 */
class CoreDependenciesTest {

    @ParameterizedTest
    @ValueSource(strings = {"org.knowm.xchart.XYChart", "com.github.mustachejava.MustacheFactory",
            "org.commonmark.parser.Parser", "org.jsoup.Jsoup"})
    void noChartingTemplatingOrMarkdownLibraryIsOnCoresClassPath(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className), className + " is on core's class path");
    }
}
