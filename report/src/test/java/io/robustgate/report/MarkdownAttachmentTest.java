package io.robustgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MarkdownAttachmentTest {

    @Test
    void aMarkdownTableBecomesAnHtmlTable() {
        String markdown = "Median 1.50/255.\n\n| critical eps | samples |\n|---:|---:|\n| 0.50/255 | 5 |\n| 1.00/255 | 14 |\n";
        Document page = Jsoup.parse(new String(MarkdownAttachment.html("critical eps", markdown), StandardCharsets.UTF_8));

        assertEquals("critical eps", page.title());
        assertEquals("Median 1.50/255.", page.selectFirst("p").text());
        assertEquals(2, page.select("table tbody tr").size());
        assertEquals("critical eps", page.selectFirst("table thead th").text());
        assertEquals("14", page.select("table tbody tr").get(1).select("td").get(1).text());
    }

    @Test
    void markupInTheTextIsShownNotInterpreted() {
        // A prompt comes from the user's annotation file: it must not inject elements into the report.
        String markdown = "| prompt |\n|---|\n| <img src=x onerror=alert(1)> head |\n";
        String html = new String(MarkdownAttachment.html("prompts", markdown), StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);

        assertTrue(page.select("img").isEmpty(), html);
        assertTrue(page.selectFirst("td").text().contains("<img src=x onerror=alert(1)> head"), html);
        assertFalse(html.contains("<img"), html);
    }
}
