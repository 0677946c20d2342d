package io.robustgate.report;

import io.robustgate.evaluation.SampleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** For composite attacks: which member found each sample's worst case, and each member's mean attacked Dice. */
final class EnsembleSection implements DashboardSection {

    record Member(String name, int wins, String meanDice) {}

    record Ensemble(String attack, String data, List<Member> members) {}

    @Override
    public Optional<Rendered> render(DashboardData data) {
        List<Ensemble> ensembles = new ArrayList<>();
        for (DashboardData.Sourced sourced : data.results()) {
            List<SampleResult> samples = sourced.result().samples();
            if (samples.stream().noneMatch(s -> s.wonBy() != null)) {
                continue;
            }
            Map<String, int[]> wins = new TreeMap<>();
            Map<String, double[]> dice = new TreeMap<>();
            for (SampleResult sample : samples) {
                if (sample.wonBy() != null) {
                    wins.computeIfAbsent(sample.wonBy(), k -> new int[1])[0]++;
                }
                sample.memberDice().forEach((member, value) -> {
                    double[] sum = dice.computeIfAbsent(member, k -> new double[2]);
                    sum[0] += value;
                    sum[1]++;
                });
            }
            List<Member> members = new ArrayList<>();
            java.util.Set<String> names = new java.util.TreeSet<>(wins.keySet());
            names.addAll(dice.keySet());
            for (String name : names) {
                double[] sum = dice.get(name);
                members.add(new Member(name, wins.getOrDefault(name, new int[1])[0],
                        sum == null ? "–" : String.format(Locale.ROOT, "%.3f", sum[0] / sum[1])));
            }
            ensembles.add(new Ensemble(sourced.result().displayName(),
                    sourced.result().model() + " / " + sourced.result().dataset(), members));
        }
        if (ensembles.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("ensemble", "Ensemble winners",
                Templates.render("section-ensemble.html", Map.of("ensembles", ensembles))));
    }
}
