package dev.gan4j.core.nn;

import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * Gives each sample another shape of the same size, as PyTorch's {@code Unflatten} (a dense layer's
 * {@code [6272]} as the {@code [128, 7, 7]} a convolution needs) and {@code Flatten} (the other way).
 * Row-major order is kept, so nothing moves: the output is a view of the input, and the input
 * gradient a view of the output gradient, sharing their storage ({@link Tensor#reshape}).
 */
public final class Reshape extends FixedShapeLayer {

    /** How errors name this layer, made once: a message built per call would be an allocation per step. */
    private final String name;

    /**
     * @throws IllegalArgumentException if the two shapes differ in size or have a dimension below 1
     */
    public Reshape(int[] inputShape, int[] outputShape) {
        super(inputShape, checked(inputShape, outputShape));
        this.name = "reshape to " + Arrays.toString(outputShape);
    }

    private static int[] checked(int[] inputShape, int[] outputShape) {
        int inSize = Shapes.size(inputShape);
        if (outputShape.length == 0 || Arrays.stream(outputShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("shape must be positive dimensions, got " + Arrays.toString(outputShape));
        }
        long outSize = Arrays.stream(outputShape).asLongStream().reduce(1, (a, b) -> a * b);
        if (outSize != inSize) {
            throw new IllegalArgumentException("shape " + Arrays.toString(outputShape) + " holds " + outSize
                    + " values but the input " + Arrays.toString(inputShape) + " has " + inSize);
        }
        return outputShape;
    }

    /** A layer that flattens {@code inputShape} to one dimension. */
    public static Reshape flatten(int[] inputShape) {
        return new Reshape(inputShape, new int[] {Shapes.size(inputShape)});
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(name, input, inSize);
        Cache c = (Cache) cache;
        c.rows = input.rows();
        return c.outputs.of(input, c.rows, out);
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        if (c.rows < 0) {
            throw new IllegalStateException(name + ": backward called before forward");
        }
        Shapes.checkInput(name, gradOutput, inSize);
        return c.gradInputs.of(gradOutput, c.rows, in);
    }

    /** Nothing to compute: no parameters, and the input gradient is a view. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        backward(gradOutput, cache, sink);
    }

    /** The views one call site hands on. */
    private static final class Cache implements LayerCache {
        final Views outputs = new Views();
        final Views gradInputs = new Views();
        int rows = -1;
    }
}
