package io.robustgate.evaluation;

import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackRegistry;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.MaskingAlarm;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what was observed into {@link ResultAlarm}s: per-sample gradient alarms counted per kind,
 * a random model seen in the clean pass, and a weaker attack that beat a stronger one at the same
 * budget on some sample.
 */
final class MaskingChecks {

    /** Samples named in an alarm's message; the rest are counted. */
    private static final int EXAMPLES = 3;

    private MaskingChecks() {}

    /** One alarm per kind that any sample raised, plus {@link MaskingAlarm#RANDOM_OUTPUT} for a random model. */
    static List<ResultAlarm> of(List<SampleResult> samples, CleanPass clean) {
        List<ResultAlarm> alarms = new ArrayList<>();
        if (clean.randomOutput()) {
            alarms.add(new ResultAlarm(MaskingAlarm.RANDOM_OUTPUT, samples.size(), List.of(), String.format(Locale.ROOT,
                    "%s: two clean passes differ by up to %.3g in the logits: is the model in eval mode (dropout off)?",
                    MaskingAlarm.RANDOM_OUTPUT.description(), clean.repeatDifference())));
        }
        alarms.addAll(perSample(samples));
        return alarms;
    }

    /** One alarm per kind that any sample raised, naming the first few samples in the set's order. */
    static List<ResultAlarm> perSample(List<SampleResult> samples) {
        Map<MaskingAlarm, List<String>> seen = new EnumMap<>(MaskingAlarm.class);
        for (SampleResult sample : samples) {
            for (MaskingAlarm alarm : sample.alarms()) {
                seen.computeIfAbsent(alarm, a -> new ArrayList<>()).add(sample.imageName());
            }
        }
        List<ResultAlarm> alarms = new ArrayList<>();
        seen.forEach((kind, names) -> alarms.add(new ResultAlarm(kind, names.size(), examples(names),
                String.format(Locale.ROOT, "%s on %d of %d samples (%s)", kind.description(), names.size(), samples.size(),
                        String.join(", ", examples(names))))));
        return alarms;
    }

    /**
     * Where {@code earlier} was a weaker attack than {@code later} in the same threat model, budget
     * and space on the same samples, the samples on which it still reached a lower Dice.
     */
    static List<ResultAlarm> weakerBeatsStronger(RobustnessResult later, List<RobustnessResult> earlier) {
        List<ResultAlarm> alarms = new ArrayList<>();
        for (RobustnessResult other : earlier) {
            if (!comparable(later, other)) {
                continue;
            }
            int laterStrength = strength(later.attack());
            int otherStrength = strength(other.attack());
            if (laterStrength == 0 || otherStrength == 0 || laterStrength == otherStrength) {
                continue;
            }
            RobustnessResult weak = laterStrength < otherStrength ? later : other;
            RobustnessResult strong = weak == later ? other : later;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < weak.samples().size(); i++) {
                SampleResult w = weak.samples().get(i);
                SampleResult s = strong.samples().get(i);
                if (w.adversarialDice() < s.adversarialDice()) {
                    names.add(String.format(Locale.ROOT, "%s %.3f < %.3f", w.imageName(), w.adversarialDice(), s.adversarialDice()));
                }
            }
            if (!names.isEmpty()) {
                alarms.add(new ResultAlarm(MaskingAlarm.WEAKER_ATTACK_STRONGER, names.size(), examples(names),
                        String.format(Locale.ROOT, "%s: %s left %d of %d samples below %s (%s)",
                                MaskingAlarm.WEAKER_ATTACK_STRONGER.description(), weak.displayName(), names.size(),
                                weak.samples().size(), strong.displayName(), String.join(", ", examples(names)))));
            }
        }
        return alarms;
    }

    /**
     * Same threat model, budget, space and samples, and the same loss: a weaker optimiser of the
     * same objective (one FGSM step against PGD's forty) should never end lower; attacks with other
     * objectives (SegPGD against APGD on soft Dice) legitimately win on different samples.
     */
    private static boolean comparable(RobustnessResult a, RobustnessResult b) {
        Object loss = a.attack().options().get("loss");
        return loss != null && loss.equals(b.attack().options().get("loss"))
                && a.attack().threatModel().equals(b.attack().threatModel())
                && Math.abs(a.attack().eps() - b.attack().eps()) <= 1e-7
                && a.attack().eps() > 0
                && a.attack().space() == b.attack().space()
                && a.samples().size() == b.samples().size()
                && sameSamples(a, b);
    }

    private static boolean sameSamples(RobustnessResult a, RobustnessResult b) {
        for (int i = 0; i < a.samples().size(); i++) {
            if (!a.samples().get(i).sampleId().equals(b.samples().get(i).sampleId())) {
                return false;
            }
        }
        return true;
    }

    private static int strength(AttackSpec spec) {
        return AttackRegistry.current().find(spec.name()).map(AttackDefinition::strength).orElse(0);
    }

    private static List<String> examples(List<String> names) {
        return names.subList(0, Math.min(EXAMPLES, names.size()));
    }
}
