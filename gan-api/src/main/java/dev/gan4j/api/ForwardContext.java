package dev.gan4j.api;

import java.util.Objects;

/**
 * What a forward pass needs besides its input: the {@link Mode} and the random stream for layers
 * that draw (dropout masks). The stream belongs to the caller, so its state is checkpointed with
 * the run and no layer holds hidden randomness.
 *
 * @param mode train or eval
 * @param random the stream stochastic layers draw from in {@link Mode#TRAIN}
 */
public record ForwardContext(Mode mode, SeededRandom random) {
    public ForwardContext {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(random, "random");
    }

    /** Whether this is a training pass. */
    public boolean training() {
        return mode == Mode.TRAIN;
    }
}
