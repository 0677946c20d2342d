package io.robustgate.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.robustgate.model.SegmentationNetwork;

/**
 * No ball at all: a perturbation whose strength is not a radius, such as an image corruption
 * (JPEG at quality 10 or a blur moves pixels by whatever it moves them). Its only budget is
 * {@code 0}, recorded so that results keep their {@code eps} field; it refuses any other, so that a
 * configured budget cannot pretend to bound what it does not bound. The ball operations are
 * refused: an attack without a ball has no random start, ascent or projection.
 */
final class NoBudget implements ThreatModel {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void validate(float eps, BudgetSpace space) {
        if (eps != 0) {
            throw new IllegalArgumentException("it has no budget (its strength is its severity option), so eps must be"
                    + " left out (or 0) but is " + EpsFormat.format(eps));
        }
    }

    @Override
    public NDArray radius(float eps, BudgetSpace space, SegmentationNetwork network, NDManager manager) {
        throw new UnsupportedOperationException("no budget: there is no radius");
    }

    @Override
    public NDArray randomStart(NDArray clean, NDArray radius, long[] sampleSeeds) {
        throw new UnsupportedOperationException("no budget: there is no ball to start in");
    }

    @Override
    public NDArray ascent(NDArray gradient) {
        throw new UnsupportedOperationException("no budget: there is no ascent direction");
    }

    @Override
    public NDArray project(NDArray candidate, NDArray clean, NDArray radius) {
        throw new UnsupportedOperationException("no budget: there is no ball to project onto");
    }

    /** The largest change of a value, as results record for every perturbation: the L∞ size. */
    @Override
    public double size(float[] delta) {
        return ThreatModel.LINF.size(delta);
    }

    /** Whether a spec's recorded threat model is this one: its display name then carries no budget. */
    static boolean named(String threatModel) {
        return "none".equals(threatModel);
    }
}
