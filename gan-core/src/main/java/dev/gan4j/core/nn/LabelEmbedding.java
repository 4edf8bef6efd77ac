package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.List;

/**
 * A learned label embedding for conditional GANs: maps {@code [x, onehot]} to
 * {@code [x, onehot·E]}, where {@code E} ({@code classes × dim}, a {@link Parameter.Kind#WEIGHT})
 * holds one learned row per class.
 *
 * <p>The trainer feeds a conditional generator {@code [noise, one-hot label]} and a conditional
 * discriminator {@code [sample, one-hot label]}; put this layer first in either network to give
 * it a learned, dense label code instead of the raw one-hot (the embedding of PyTorch's usual
 * cGAN examples). {@code E} starts N(0, 1), as {@code nn.Embedding} does.
 *
 * <p>The layer is linear in its label columns, so it is exact for any values there, not only
 * one-hot ones, and its input gradient includes {@code dL/d onehot = dL/d emb · Eᵀ}.
 */
public final class LabelEmbedding implements Layer {

    private final Backend backend;
    private final int width;
    private final int classes;
    private final int dim;
    private final Parameter embedding;

    /**
     * @param in input values per sample: the features followed by {@code classes} label columns
     */
    public LabelEmbedding(Backend backend, String id, int in, int classes, int dim, SeededRandom random) {
        this(new LayerContext(backend, new int[] {in}, random, id), classes, dim);
    }

    /** A label embedding on {@code context}'s flattened input, drawn from the context's stream. */
    public LabelEmbedding(LayerContext context, int classes, int dim) {
        String id = context.id();
        int in = context.inputSize();
        embeddingValues(id, in, classes, dim);
        this.backend = context.backend();
        this.width = in - classes;
        this.classes = classes;
        this.dim = dim;
        SeededRandom random = context.random();
        this.embedding = new Parameter(id + ".embedding", Parameter.Kind.WEIGHT,
                context.initialized(e -> random.fillGaussian(e, 0, 1), classes, dim));
    }

    /**
     * The size of the embedding matrix of a label-embedding layer on an input of {@code in} values.
     *
     * @throws IllegalArgumentException if the input has no room for {@code classes} label columns,
     *     a size is not positive, or the matrix would not fit one tensor
     */
    static int embeddingValues(String id, int in, int classes, int dim) {
        if (classes <= 0 || dim <= 0) {
            throw new IllegalArgumentException(id + ": label-embedding classes and dim must be positive, got classes="
                    + classes + ", dim=" + dim);
        }
        if (in <= classes) {
            throw new IllegalArgumentException(id + ": label-embedding with classes=" + classes
                    + " needs an input of features followed by " + classes + " label columns, but the input has only "
                    + in + " values per sample");
        }
        if ((long) in - classes + dim > Shapes.MAX_VALUES) {
            throw new IllegalArgumentException(id + ": label-embedding output of " + (in - classes) + " features + dim "
                    + dim + " values per sample is more than the " + Shapes.MAX_VALUES + " one tensor row can hold");
        }
        return Shapes.values(id + ": the embedding", classes, dim);
    }

    /** The {@code classes × dim} embedding matrix. */
    public Parameter embedding() {
        return embedding;
    }

    @Override
    public int[] inputShape() {
        return new int[] {width + classes};
    }

    @Override
    public int[] outputShape() {
        return new int[] {width + dim};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(embedding);
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(embedding.id(), input, width + classes);
        Cache c = (Cache) cache;
        int n = input.rows();
        if (c.output == null || c.output.rows() != n) {
            c.features = backend.zeros(n, width);
            c.labels = backend.zeros(n, classes);
            c.embedded = backend.zeros(n, dim);
            c.output = backend.zeros(n, width + dim);
            c.gradLabels = backend.zeros(n, classes);
            c.gradInput = backend.zeros(n, width + classes);
        }
        Tensor x = input.rank() == 2 ? input : input.reshape(n, width + classes);
        backend.sliceColumns(x, 0, c.features);
        backend.sliceColumns(x, width, c.labels);
        backend.gemm(false, false, 1f, c.labels, embedding.value(), 0f, c.embedded);
        backend.concatColumns(c.features, c.embedded, c.output);
        return c.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        embeddingGradient(gradOutput, c, sink);
        // the feature columns pass straight through
        backend.sliceColumns(gradOutput, 0, c.features);
        backend.gemm(false, true, 1f, c.embedded, embedding.value(), 0f, c.gradLabels);
        backend.concatColumns(c.features, c.gradLabels, c.gradInput);
        return c.gradInput;
    }

    /** The usual place of this layer is first, where nobody reads the input gradient. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        embeddingGradient(gradOutput, (Cache) cache, sink);
    }

    /** Leaves dL/d emb in {@code c.embedded} and adds {@code onehotᵀ·dL/d emb} to E's gradient. */
    private void embeddingGradient(Tensor gradOutput, Cache c, GradientSink sink) {
        if (c.output == null) {
            throw new IllegalStateException(embedding.id() + ": backward called before forward");
        }
        // the forward values of c.embedded live on in c.output, so it can hold the gradient
        backend.sliceColumns(gradOutput, width, c.embedded);
        if (sink != null) {
            backend.gemm(true, false, 1f, c.labels, c.embedded, 1f, sink.gradient(embedding));
        }
    }

    private static final class Cache implements LayerCache {
        Tensor features;
        Tensor labels;
        Tensor embedded;
        Tensor output;
        Tensor gradLabels;
        Tensor gradInput;
    }
}
