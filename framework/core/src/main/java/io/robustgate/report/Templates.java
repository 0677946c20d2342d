package io.robustgate.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.IOException;

/**
 * The report's Mustache templates, read from {@code io/robustgate/report/*.mustache} on the class
 * path. Mustache escapes HTML in {@code {{x}}} by default, so text from results files (prompts,
 * file names) cannot inject markup; only {@code {{{x}}}} inserts markup we made ourselves.
 */
final class Templates {

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("io/robustgate/report");

    private Templates() {}

    static String render(String name, Object scope) {
        Mustache template = FACTORY.compile(name + ".mustache");
        StringWriter out = new StringWriter();
        try {
            template.execute(out, scope).flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the template " + name, e);
        }
        return out.toString();
    }
}
