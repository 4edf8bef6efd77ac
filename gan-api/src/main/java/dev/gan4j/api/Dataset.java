package dev.gan4j.api;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Real samples a model trains on, with optional class labels, addressed by index.
 *
 * <p>The trainer draws indices from its own {@link SeededRandom} and asks the dataset to copy
 * those samples into a tensor it reuses, so the data order is part of the checkpointed random
 * state and no batch is allocated after warm-up. Implementations (MNIST, Fashion-MNIST, IDX
 * files, image folders) live in their own modules.
 */
public interface Dataset {

    /** Human-readable name, e.g. {@code "mnist/test"}. */
    String name();

    /** Number of samples. */
    int size();

    /** Per-sample shape, e.g. {@code [1, 28, 28]} or {@code [784]}. */
    int[] sampleShape();

    /** Number of classes, or 0 when the dataset has no labels. */
    int classCount();

    /**
     * Names of the classes, indexed by label ({@code classCount()} of them), for reports and
     * sample grids: e.g. {@code "T-shirt/top"} for Fashion-MNIST's label 0. The default numbers
     * them {@code "0"}, {@code "1"}, …
     */
    default List<String> classNames() {
        return IntStream.range(0, classCount()).mapToObj(Integer::toString).toList();
    }

    /**
     * Copies samples {@code indices[offset .. offset + out.rows())} into the rows of {@code out}
     * (flattened to {@code out.columns()} values each) and, if {@code labels} is not
     * {@code null}, their class labels into {@code labels[0 .. out.rows())}.
     *
     * @throws IllegalStateException if labels are asked for and the dataset has none
     */
    void gather(int[] indices, int offset, Tensor out, int[] labels);
}
