package io.robustgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.AttackSpec;
import io.robustgate.data.HeldOutSet;
import io.robustgate.data.PromptChoice;
import io.robustgate.evaluation.EvaluationOptions;
import io.robustgate.evaluation.ProgressListener;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.evaluation.SampleResult;
import io.robustgate.model.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What early exit and the shared FGSM gradient save, as the front-ends run them (one evaluator, one
 * attack after another): PGD-40 and the default ENSEMBLE at each budget, with early exit and
 * without, in gradient passes (exact) and seconds (wall clock); and an FGSM list of four budgets
 * against one budget, clean pass included, each on a fresh evaluator as {@code robustgate:evaluate}
 * makes one. It asserts only what holds by construction: early exit leaves no sample's ENSEMBLE
 * Dice above its Dice without. Run it with
 * {@code mvn -B -o test -pl benchmarks -am -Pbenchmark -Pskip-framework-tests -Dtest=EarlyExitBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbenchmark.samples=16}, {@code -Dbenchmark.model=DIR}, {@code -Dbenchmark.data=DIR},
 * {@code -Dbenchmark.budgets=2,8} in 1/255).
 */
@Tag("benchmark")
class EarlyExitBenchmark {

    private static final Path MODEL = Path.of(System.getProperty("benchmark.model", SampleProject.MODELS.resolve("hc18").toString()));
    private static final Path DATA = Path.of(System.getProperty("benchmark.data", SampleProject.HELD_OUT.toString()));
    private static final int SAMPLES = Integer.getInteger("benchmark.samples", 16);
    private static final List<Integer> BUDGETS = java.util.Arrays.stream(System.getProperty("benchmark.budgets", "2,8")
            .split(",")).map(String::trim).map(Integer::valueOf).toList();

    @Test
    void earlyExitAndSharedGradients() {
        try (ModelBundle bundle = ModelBundle.load(MODEL, Device.cpu())) {
            JniUtils.setNumThreads(Integer.getInteger("ai.djl.pytorch.num_threads", 1));
            HeldOutSet set = HeldOutSet.load(DATA, "test", PromptChoice.DEFAULT).limit(SAMPLES);
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%n[early exit] %s on %s, %d samples, automatic batch size, %d libtorch thread(s)%n%n", bundle.name(),
                    set.name(), set.samples().size(), Integer.getInteger("ai.djl.pytorch.num_threads", 1)));
            table.append("| eps | attack | early exit | mean Dice | at Dice 0 | passes per sample | attack s | vs PGD-40 (passes, s) |\n");
            table.append("|---|---|---|---|---|---|---|---|\n");
            StringBuilder memberOrder = new StringBuilder();
            for (int eps255 : BUDGETS) {
                float eps = eps255 / 255f;
                List<SampleResult> full = null;
                for (boolean early : new boolean[] {false, true}) {
                    RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set,
                            EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE).withEarlyExit(early));
                    RobustnessResult pgd = evaluator.evaluate(AttackSpec.pgd(eps));
                    RobustnessResult ensemble = evaluator.evaluate(AttackSpec.of(AttackNames.ENSEMBLE, eps, Map.of()));
                    for (RobustnessResult result : List.of(pgd, ensemble)) {
                        table.append(String.format(Locale.ROOT, "| %d/255 | %s | %s | %.3f | %d of %d | %.1f | %.1f | %s |%n",
                                eps255, result.attack().name(), early ? "on" : "off", result.adversarialDice().mean(),
                                atFloor(result), result.samples().size(), perSample(result), result.timings().attackSeconds(),
                                result == pgd ? "—" : String.format(Locale.ROOT, "%.2f×, %.2f×",
                                        (double) result.gradientPasses() / pgd.gradientPasses(),
                                        result.timings().attackSeconds() / pgd.timings().attackSeconds())));
                    }
                    if (!early) {
                        full = ensemble.samples();
                        memberOrder.append(memberStrength(eps255, full));
                        continue;
                    }
                    for (int i = 0; i < full.size(); i++) {
                        assertTrue(ensemble.samples().get(i).adversarialDice() <= full.get(i).adversarialDice(),
                                full.get(i).imageName() + ": early exit gave a higher Dice");
                    }
                }
            }
            table.append("\n").append(memberOrder).append("\n").append(budgetList(bundle, set));
            System.out.println(table);
        }
    }

    /** FGSM at 1, 2, 4 and 8/255 against FGSM at 2/255 alone, each on a fresh evaluator (clean pass included). */
    private static String budgetList(ModelBundle bundle, HeldOutSet set) {
        double one = timed(bundle, set, List.of(2));
        double four = timed(bundle, set, List.of(1, 2, 4, 8));
        return String.format(Locale.ROOT, "FGSM, one evaluator as the plugin makes it, clean pass included: 1 budget %.1f s,"
                + " 4 budgets (1, 2, 4, 8/255) %.1f s: %.2f×%n", one, four, four / one);
    }

    private static double timed(ModelBundle bundle, HeldOutSet set, List<Integer> budgets) {
        long start = System.nanoTime();
        RobustnessEvaluator evaluator = new RobustnessEvaluator(bundle, set,
                EvaluationOptions.DEFAULTS.withProgress(ProgressListener.NONE));
        for (int eps255 : budgets) {
            evaluator.evaluate(AttackSpec.fgsm(eps255 / 255f));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Which member order early exit profits from most, measured without early exit (every member on
     * every sample): per member, the samples it alone takes to Dice 0 and the samples where it is
     * the lowest (ties to the first listed).
     */
    private static String memberStrength(int eps255, List<SampleResult> samples) {
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        for (SampleResult sample : samples) {
            String lowest = null;
            for (Map.Entry<String, Double> member : sample.memberDice().entrySet()) {
                int[] count = counts.computeIfAbsent(member.getKey(), k -> new int[2]);
                if (member.getValue() == 0) {
                    count[0]++;
                }
                if (lowest == null || member.getValue() < sample.memberDice().get(lowest)) {
                    lowest = member.getKey();
                }
            }
            if (lowest != null) {
                counts.get(lowest)[1]++;
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "ENSEMBLE members at %d/255 without early exit "
                + "(%d samples): ", eps255, samples.size()));
        counts.forEach((member, count) -> text.append(String.format(Locale.ROOT, "%s at Dice 0 on %d, lowest on %d; ", member,
                count[0], count[1])));
        return text.append("\n").toString();
    }

    private static long atFloor(RobustnessResult result) {
        return result.samples().stream().filter(s -> s.adversarialDice() == 0).count();
    }

    private static double perSample(RobustnessResult result) {
        return (double) result.gradientPasses() / result.samples().size();
    }
}
