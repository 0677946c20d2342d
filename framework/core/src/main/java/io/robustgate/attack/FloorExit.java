package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.robustgate.model.NativeCopy;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Early exit at the metrics' floor: Dice and IoU cannot go below 0, so a sample whose attacked
 * prediction no longer overlaps its mask (Dice 0) is done, and attacking it further can only cost
 * passes and, for attacks that do not keep their best iterate, give back some of the damage. The
 * first iterate found at the floor is kept: from then on the sample takes no part in gradient
 * passes (its gradient reads 0, its loss and logits stay those of that iterate), and
 * {@link #settle} puts that iterate back into whatever batch an attack returns. A composite attack
 * sharing the objective runs its later members only on the samples still above the floor.
 *
 * <p>Figures never get weaker this way, only cheaper: a sample that never reaches the floor is
 * attacked exactly as without early exit, and one that does ends at Dice 0, the least it can.
 * The arrays kept here live in the batch's manager and outside any {@link NDScope}.
 *
 * <p>A sample can also be {@linkplain #withholdMasked withheld} from the passes, when asked for,
 * because its input gradient at the start of a run was zero or not finite (Athalye et al., ICML
 * 2018: masked gradients): further passes could not move it, so they are not spent. Its loss and
 * logits stay those of that pass, as for the floor, but its iterate is not kept: it is not done,
 * only out of the gradient's reach, and whatever an attack returns for it is what counts.
 */
final class FloorExit {

    private final boolean[] settled;
    private final boolean[] withheld;
    private final NDArray[] iterates;
    private final NDArray[] logits;
    private final float[] losses;

    FloorExit(int batchSize) {
        settled = new boolean[batchSize];
        withheld = new boolean[batchSize];
        iterates = new NDArray[batchSize];
        logits = new NDArray[batchSize];
        losses = new float[batchSize];
    }

    boolean settled(int sample) {
        return settled[sample];
    }

    /** Whether {@code sample} is out of the passes because its input gradient was masked. */
    boolean withheld(int sample) {
        return withheld[sample];
    }

    /** Whether {@code sample} takes no part in the next pass, at the floor or withheld. */
    boolean out(int sample) {
        return settled[sample] || withheld[sample];
    }

    /** Samples still in the gradient passes (neither at the floor nor withheld), in batch order. */
    int[] active() {
        return IntStream.range(0, settled.length).filter(b -> !out(b)).toArray();
    }

    boolean any() {
        for (boolean s : settled) {
            if (s) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks the samples at {@code rows} whose Dice (from the pass's {@code passLogits}) is 0, keeping
     * their iterate, logits and loss. {@code pixels}, {@code passLogits} and {@code passLosses} hold
     * only those rows, in that order.
     */
    void record(int[] rows, NDArray pixels, NDArray passLogits, NDArray passLosses, NDArray targetsOfRows, float threshold) {
        double[] dice = DiceArrays.exactDice(passLogits, targetsOfRows, threshold);
        float[] loss = null;
        for (int j = 0; j < rows.length; j++) {
            if (dice[j] == 0) {
                int b = rows[j];
                loss = loss == null ? passLosses.toFloatArray() : loss;
                settled[b] = true;
                iterates[b] = kept(row(pixels, j));
                logits[b] = kept(row(passLogits, j));
                losses[b] = loss[j];
            }
        }
    }

    /**
     * Withholds from further passes the samples at {@code rows} whose gradient in the pass's
     * {@code passGradient} is exactly zero or not finite everywhere a step could use it, keeping
     * that pass's logits and loss for them. The arrays hold only those rows, in that order.
     */
    void withholdMasked(int[] rows, NDArray passGradient, NDArray passLogits, NDArray passLosses) {
        float[] largest = ObjectiveTrace.largestMagnitudes(passGradient);
        float[] loss = null;
        for (int j = 0; j < rows.length; j++) {
            if (largest[j] == 0 || !Float.isFinite(largest[j])) {
                int b = rows[j];
                loss = loss == null ? passLosses.toFloatArray() : loss;
                withheld[b] = true;
                logits[b] = kept(row(passLogits, j));
                losses[b] = loss[j];
            }
        }
    }

    /** The iterate kept for each settled sample put back into {@code batch}; the other rows as they are. */
    NDArray settle(NDArray batch) {
        if (!any()) {
            return batch.duplicate();
        }
        try (NDScope scope = new NDScope()) {
            NDList rows = new NDList();
            for (int b = 0; b < settled.length; b++) {
                rows.add(settled[b] ? iterates[b] : row(batch, b));
            }
            NDArray result = NDArrays.concat(rows);
            NDScope.unregister(result);
            return result;
        }
    }

    /** Full-batch logits: the pass's rows where it ran, the kept logits elsewhere (settled or withheld). */
    NDArray logits(int[] rows, NDArray passLogits) {
        return merge(rows, passLogits, logits);
    }

    /** Full-batch gradient: the pass's rows where it ran, zeros for settled and withheld samples. */
    NDArray gradient(int[] rows, NDArray passGradient) {
        NDArray[] zeros = new NDArray[settled.length];
        NDArray zero = row(passGradient, 0).zerosLike();
        Arrays.fill(zeros, zero);
        return merge(rows, passGradient, zeros);
    }

    /** Full-batch losses: the pass's where it ran, the kept ones elsewhere. */
    NDArray losses(int[] rows, NDArray passLosses) {
        float[] pass = passLosses.toFloatArray();
        float[] all = losses.clone();
        for (int j = 0; j < rows.length; j++) {
            all[rows[j]] = pass[j];
        }
        return NativeCopy.of(passLosses.getManager(), all, new Shape(all.length));
    }

    /** Every sample out of the passes: the kept logits and losses, with a zero gradient shaped like {@code pixels}. */
    AttackObjective.Evaluation allSettled(NDArray pixels) {
        return new AttackObjective.Evaluation(
                NativeCopy.of(pixels.getManager(), losses.clone(), new Shape(losses.length)),
                pixels.zerosLike(), NDArrays.concat(new NDList(logits)));
    }

    /** Rows {@code rows} of a full batch, in that order. */
    static NDArray rows(NDArray batch, int[] rows) {
        if (rows.length == batch.getShape().get(0)) {
            return batch;
        }
        NDList picked = new NDList();
        for (int b : rows) {
            picked.add(row(batch, b));
        }
        return NDArrays.concat(picked);
    }

    private NDArray merge(int[] rows, NDArray pass, NDArray[] kept) {
        if (rows.length == settled.length) {
            return pass;
        }
        NDList all = new NDList();
        int j = 0;
        for (int b = 0; b < settled.length; b++) {
            all.add(j < rows.length && rows[j] == b ? row(pass, j++) : kept[b]);
        }
        return NDArrays.concat(all);
    }

    private static NDArray row(NDArray batch, int b) {
        return batch.get(new NDIndex(b + ":" + (b + 1)));
    }

    private static NDArray kept(NDArray view) {
        NDArray copy = view.duplicate();
        NDScope.unregister(copy);
        return copy;
    }
}
