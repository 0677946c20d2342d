package io.robustgate.report;

import io.robustgate.evaluation.ImagePrompts;
import io.robustgate.evaluation.PromptRobustness;
import io.robustgate.metric.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prompt robustness ({@code prompt=all}): the worst prompt per image, largest spread first, and the set's figures. */
final class PromptSection implements DashboardSection {

    /** Images shown per result; the rest are in the results JSON. */
    static final int IMAGES_SHOWN = 10;

    record Image(String imageName, String worstPrompt, String worstDice, String spread, String cleanSpread) {}

    record Result(String attack, String data, String worstPromptDice, String promptSpread, String transfer,
            List<Image> images, int shown, int total) {}

    @Override
    public Optional<Rendered> render(DashboardData data) {
        List<Result> results = new ArrayList<>();
        for (DashboardData.Sourced sourced : data.results()) {
            Optional<PromptRobustness> prompts = sourced.result().promptRobustness();
            if (prompts.isEmpty()) {
                continue;
            }
            PromptRobustness p = prompts.get();
            List<Image> images = p.largestSpread(IMAGES_SHOWN).stream().map(PromptSection::image).toList();
            String transfer = p.meanOwnPromptDice() == null ? "" : String.format(Locale.ROOT,
                    "own prompt %.3f, transferred %.3f", p.meanOwnPromptDice(), p.meanTransferredDice());
            results.add(new Result(sourced.result().displayName(), RobustnessDashboard.dataName(sourced.result()),
                    figure(p.worstPromptDice()), figure(p.promptSpread()), transfer, images, images.size(), p.images().size()));
        }
        if (results.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("prompts", "Prompt robustness",
                Templates.render("section-prompts.html", Map.of("results", results))));
    }

    private static Image image(ImagePrompts image) {
        return new Image(image.imageName(), image.worstPrompt(), String.format(Locale.ROOT, "%.3f", image.worstDice()),
                String.format(Locale.ROOT, "%.3f", image.spread()), String.format(Locale.ROOT, "%.3f", image.cleanSpread()));
    }

    private static String figure(Summary summary) {
        return String.format(Locale.ROOT, "%.3f (95%% CI %.3f–%.3f)", summary.mean(), summary.ciLow(), summary.ciHigh());
    }
}
