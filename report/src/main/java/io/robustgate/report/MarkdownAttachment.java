package io.robustgate.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * One of the report's Markdown texts (the prompt table, the critical-eps table, the curve's table)
 * as a small self-contained HTML page, media type {@link SummaryAttachment#MEDIA_TYPE}: Allure shows
 * HTML inline on the test's page, where Markdown is only a download. The Markdown stays the one
 * place the table is written ({@link ResultsTable}); this only renders it. Raw HTML inside the text
 * (a prompt from an annotation file, say) is escaped, not interpreted.
 */
public final class MarkdownAttachment {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();

    private MarkdownAttachment() {}

    /** The page for {@code markdown}, titled {@code title}, as UTF-8 bytes. */
    public static byte[] html(String title, String markdown) {
        String body = RENDERER.render(PARSER.parse(markdown));
        return Templates.render("markdown-attachment.html", Map.of("title", title, "body", body))
                .getBytes(StandardCharsets.UTF_8);
    }
}
