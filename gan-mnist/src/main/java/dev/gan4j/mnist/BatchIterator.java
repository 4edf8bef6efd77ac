package dev.gan4j.mnist;

import dev.gan4j.api.Dataset;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Walks a {@link Dataset} in seeded, shuffled epochs of fixed-size batches, filling tensors the
 * caller reuses.
 *
 * <p>Each epoch is a fresh permutation of all samples drawn from the iterator's
 * {@link SeededRandom} (give it a stream of its own, e.g. {@code random.fork("batches")}); the
 * epoch has {@code size / batchSize} batches, and the remainder of the permutation is skipped,
 * so every batch has the same size (each sample is still seen equally often across epochs). The
 * next epoch starts automatically after the last batch.
 *
 * <p>The whole position is a small {@link State} (epoch, batch, and the random state the
 * epoch's permutation was drawn from), which a checkpoint saves and {@link #restore(State)}
 * brings back: the permutation is redrawn from it, so a resumed run sees the same batches.
 *
 * <p>Allocates nothing per batch; the permutation array is reshuffled in place each epoch. Not
 * thread-safe.
 */
public final class BatchIterator {

    private final Dataset dataset;
    private final int batchSize;
    private final SeededRandom random;
    private final int batchesPerEpoch;
    private final int[] permutation;
    private long epoch;
    private int batch;
    private long[] epochRandomState;

    /**
     * An iterator at the start of epoch 0, whose permutation is drawn now from {@code random}.
     *
     * @throws IllegalArgumentException if {@code batchSize} is not in {@code [1, dataset.size()]}
     */
    public BatchIterator(Dataset dataset, int batchSize, SeededRandom random) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.random = Objects.requireNonNull(random, "random");
        if (batchSize < 1 || batchSize > dataset.size()) {
            throw new IllegalArgumentException("batch size must be in [1, " + dataset.size() + "] for "
                    + dataset.name() + ", got " + batchSize);
        }
        this.batchSize = batchSize;
        this.batchesPerEpoch = dataset.size() / batchSize;
        this.permutation = new int[dataset.size()];
        shuffle();
    }

    /** Samples per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches in each epoch: {@code size / batchSize}. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The current epoch, counting from 0. */
    public long epoch() {
        return epoch;
    }

    /** The index within the epoch of the next batch {@link #next} returns (may equal {@link #batchesPerEpoch()}). */
    public int batch() {
        return batch;
    }

    /** Whether the current epoch's batches have all been returned; the next call starts a new one. */
    public boolean epochDone() {
        return batch == batchesPerEpoch;
    }

    /** The current epoch's sample order, as a copy. */
    public int[] permutation() {
        return permutation.clone();
    }

    /**
     * Fills {@code out} (which must have {@link #batchSize()} rows) with the next batch and, if
     * {@code labels} is not {@code null}, its labels; starts a new epoch first if the current
     * one is done.
     */
    public void next(Tensor out, int[] labels) {
        if (out.rows() != batchSize) {
            throw new IllegalArgumentException("batch tensor must have " + batchSize + " rows, got shape "
                    + Arrays.toString(out.shape()));
        }
        if (batch == batchesPerEpoch) {
            epoch++;
            shuffle();
        }
        dataset.gather(permutation, batch * batchSize, out, labels);
        batch++;
    }

    /** The position, for a checkpoint. */
    public State state() {
        return new State(epoch, batch, epochRandomState, dataset.size(), batchSize);
    }

    /**
     * Returns to a position saved by {@link #state()}, also setting the random stream to where it
     * was after that epoch's shuffle.
     *
     * @throws IllegalArgumentException if the state belongs to another dataset size or batch size
     */
    public void restore(State state) {
        if (state.size() != dataset.size() || state.batchSize() != batchSize) {
            throw new IllegalArgumentException("batch state is for " + state.size() + " samples in batches of "
                    + state.batchSize() + ", but this iterator has " + dataset.size() + " in batches of " + batchSize);
        }
        if (state.batch() < 0 || state.batch() > batchesPerEpoch || state.epoch() < 0) {
            throw new IllegalArgumentException("batch state has epoch " + state.epoch() + ", batch " + state.batch()
                    + "; batches per epoch are " + batchesPerEpoch);
        }
        random.restore(state.epochRandomState());
        shuffle();
        epoch = state.epoch();
        batch = state.batch();
    }

    /** Draws a new permutation from the random stream (identity, then Fisher–Yates in place). */
    private void shuffle() {
        epochRandomState = random.state();
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        random.shuffle(permutation);
        batch = 0;
    }

    /**
     * A saved position.
     *
     * @param epoch the epoch, from 0
     * @param batch the next batch within the epoch
     * @param epochRandomState the random state the epoch's permutation was drawn from
     * @param size the dataset size it belongs to
     * @param batchSize the batch size it belongs to
     */
    public record State(long epoch, int batch, long[] epochRandomState, int size, int batchSize) {

        /** Copies the random state. */
        public State {
            epochRandomState = Objects.requireNonNull(epochRandomState, "epochRandomState").clone();
        }

        /** The random state, as a copy. */
        @Override
        public long[] epochRandomState() {
            return epochRandomState.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && epoch == s.epoch && batch == s.batch && size == s.size
                    && batchSize == s.batchSize && Arrays.equals(epochRandomState, s.epochRandomState);
        }

        @Override
        public int hashCode() {
            return Objects.hash(epoch, batch, size, batchSize, Arrays.hashCode(epochRandomState));
        }

        @Override
        public String toString() {
            return "State[epoch=" + epoch + ", batch=" + batch + ", epochRandomState="
                    + Arrays.toString(epochRandomState) + ", size=" + size + ", batchSize=" + batchSize + "]";
        }
    }
}
