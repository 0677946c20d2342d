package io.robustgate.report;

import io.robustgate.evaluation.SetLevelFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Set-level attacks (a universal δ): how the one perturbation was fitted, and the perturbation itself when kept. */
final class UniversalSection implements DashboardSection {

    record Fit(String attack, String data, String fittedOn, String losses, String deltaUri, boolean hasDelta) {}

    @Override
    public Optional<Rendered> render(DashboardData data) {
        List<Fit> fits = new ArrayList<>();
        for (DashboardData.Sourced sourced : data.results()) {
            SetLevelFit fit = sourced.result().fit();
            if (fit == null) {
                continue;
            }
            String fittedOn = fit.fitSplit() != null ? "split " + fit.fitSplit()
                    : fit.fittedSamples().size() + " samples of the held-out set (left out of the figures)";
            String losses = fit.lossPerEpoch().stream().map(l -> String.format(Locale.ROOT, "%.4f", l))
                    .collect(Collectors.joining(" → "));
            String delta = WorstSamplePictures.readDelta(data.pictureFolders(), sourced.source(), sourced.result())
                    .map(DataUri::png).orElse(null);
            fits.add(new Fit(sourced.result().displayName(), sourced.result().model() + " / " + sourced.result().dataset(),
                    fittedOn, losses, delta, delta != null));
        }
        if (fits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("universal", "Universal perturbations",
                Templates.render("section-universal.html", Map.of("fits", fits))));
    }
}
