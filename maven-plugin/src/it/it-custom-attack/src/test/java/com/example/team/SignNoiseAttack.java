package com.example.team;

import ai.djl.ndarray.NDArray;
import io.robustgate.attack.Attack;
import io.robustgate.attack.AttackDefinition;
import io.robustgate.attack.AttackObjective;
import io.robustgate.attack.AttackOption;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.CommonOptions;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An attack a team could write in its own test sources: random signed noise of size eps on a share
 * of the pixels. Registered only in this project's test resources
 * ({@code META-INF/services/io.robustgate.attack.AttackDefinition}) — the plugin does not know it —
 * and run by {@code robustgate:evaluate} as {@code <type>SIGN_NOISE</type>}: the proof that the
 * engine is open.
 */
public class SignNoiseAttack implements AttackDefinition {

    public static final String NAME = "SIGN_NOISE";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "random ±eps noise on a share of the pixels (a baseline, not a real attack)";
    }

    @Override
    public List<AttackOption> options() {
        return List.of(AttackOption.number("density", 1f, 0f, 1f, "share of pixels that get noise").shownInName(),
                CommonOptions.SEED);
    }

    @Override
    public Attack create(AttackSpec spec) {
        float density = spec.floatOption("density");
        return (AttackObjective objective, NDArray clean, long[] sampleSeeds) -> {
            int perSample = (int) (clean.getShape().size() / clean.getShape().get(0));
            float[] noise = new float[(int) clean.getShape().size()];
            for (int b = 0; b < sampleSeeds.length; b++) {
                SplittableRandom random = new SplittableRandom(sampleSeeds[b]);
                for (int j = 0; j < perSample; j++) {
                    boolean hit = random.nextDouble() < density;
                    noise[b * perSample + j] = hit ? (random.nextBoolean() ? spec.eps() : -spec.eps()) : 0f;
                }
            }
            return clean.add(clean.getManager().create(noise, clean.getShape())).clip(0, 1);
        };
    }
}
