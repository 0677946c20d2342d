package io.robustgate.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.io.IOException;

/**
 * The report's Mustache templates, read from {@code io/robustgate/report/*.mustache} on the class
 * path. Mustache escapes HTML in {@code {{x}}} by default, so text from results files (prompts,
 * file names) cannot inject markup; only {@code {{{x}}}} inserts markup we made ourselves.
 */
final class Templates {

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("io/robustgate/report") {
        /** The five characters that matter in HTML text and quoted attributes; Mustache's own escaper also turns "=" into an entity. */
        @Override
        public void encode(String value, Writer writer) {
            try {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    switch (c) {
                        case '&' -> writer.write("&amp;");
                        case '<' -> writer.write("&lt;");
                        case '>' -> writer.write("&gt;");
                        case '"' -> writer.write("&quot;");
                        case '\'' -> writer.write("&#39;");
                        default -> writer.write(c);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a template value", e);
            }
        }
    };

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
