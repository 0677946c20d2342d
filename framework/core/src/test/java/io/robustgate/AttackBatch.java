package io.robustgate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustgate.attack.AttackLoss;
import io.robustgate.attack.AttackObjective;
import io.robustgate.data.PreparedSample;
import io.robustgate.model.ModelBundle;
import io.robustgate.model.TokenBatch;
import java.util.List;

/** Prepared samples as one native batch, for tests that drive attacks directly. */
public final class AttackBatch implements AutoCloseable {

    private final ModelBundle bundle;
    private final List<PreparedSample> samples;
    private final NDManager manager;

    public AttackBatch(ModelBundle bundle, List<PreparedSample> samples) {
        this.bundle = bundle;
        this.samples = samples;
        this.manager = bundle.newManager();
    }

    public int size() {
        return samples.size();
    }

    public NDArray pixels() {
        PreparedSample first = samples.get(0);
        float[] all = new float[samples.size() * first.pixels().length];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).pixels(), 0, all, i * first.pixels().length, first.pixels().length);
        }
        return manager.create(all, new Shape(samples.size(), first.channels(), first.height(), first.width()));
    }

    public AttackObjective objective(AttackLoss loss) {
        PreparedSample first = samples.get(0);
        int pixels = first.height() * first.width();
        float[] masks = new float[samples.size() * pixels];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).mask(), 0, masks, i * pixels, pixels);
        }
        TokenBatch tokens = bundle.tokenizer().encode(samples.stream().map(s -> s.sample().prompt()).toList());
        return new AttackObjective(bundle.network(), tokens.idsArray(manager), tokens.attentionMaskArray(manager),
                manager.create(masks, new Shape(samples.size(), first.height(), first.width())), loss,
                (float) bundle.manifest().output().threshold());
    }

    public long[] seeds(long seed) {
        long[] seeds = new long[samples.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = seed * 31 + i;
        }
        return seeds;
    }

    @Override
    public void close() {
        manager.close();
    }
}
