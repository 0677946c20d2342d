package io.robustgate.report;

import java.util.Optional;

/**
 * An optional part of the dashboard that shows what only some results carry (alarms, an ensemble's
 * winners, a fitted universal δ, …). A section renders itself with its own template when its data is
 * present and is left out otherwise; a new kind of result adds a section to
 * {@link RobustnessDashboard#SECTIONS} and changes nothing else.
 */
public interface DashboardSection {

    /** The rendered section (an HTML fragment with its heading), or empty when no result has its data. */
    Optional<Rendered> render(DashboardData data);

    /** @param id the HTML id, for links and tests; @param html the fragment */
    record Rendered(String id, String title, String html) {}
}
