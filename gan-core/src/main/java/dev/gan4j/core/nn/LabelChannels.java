package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * One-hot conditioning for image networks, as conditional DCGANs feed their discriminators: the
 * trainer gives a conditional network {@code [x, one-hot label]} flat ({@code [C·H·W + classes]},
 * see {@code Conditioning}), and this layer makes it {@code [C + classes, H, W]}: the image's
 * channels, then one constant plane per class, all ones for the label's class and zeros for the
 * others. In a generator, {@code shape} {@code [dim, 1, 1]} turns noise and label into the
 * {@code [dim + classes, 1, 1]} a transposed convolution starts from.
 *
 * <p>Built from required ops, with no per-step allocation: the image part is a column slice, the
 * label planes one rank-1 GEMM ({@code [N·classes, 1] × [1, H·W]} of ones), and the output their
 * column concatenation, which in NCHW order puts the planes after the image's channels. The layer
 * is linear in the label columns, so it is exact for any values there, and its input gradient
 * includes the label part ({@code Σ} of each plane's gradient), which the trainer drops.
 */
public final class LabelChannels extends FixedShapeLayer {

    private final Backend backend;
    private final String name;
    private final int classes;
    private final int imageSize;
    private final int plane;
    /** {@code [1, H·W]} of ones: the row each label value is spread over. */
    private final Tensor ones;

    /**
     * @param image the per-sample image shape {@code [C, H, W]} before the label columns
     * @throws IllegalArgumentException if the context's input is not that image plus {@code classes} values
     */
    public LabelChannels(LayerContext context, int classes, int[] image) {
        super(new int[] {checkedInput(context, classes, image)}, new int[] {image[0] + classes, image[1], image[2]});
        this.imageSize = Shapes.size(image);
        this.backend = context.backend();
        this.name = context.id() + ": label-channels";
        this.classes = classes;
        this.plane = image[1] * image[2];
        this.ones = context.initialized(v -> Arrays.fill(v, 1f), 1, plane);
    }

    /** The input size, {@code C·H·W + classes}, when it is the context's. */
    private static int checkedInput(LayerContext context, int classes, int[] image) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        long expected = (long) Shapes.size(Shapes.image(image)) + classes;
        if (expected != context.inputSize()) {
            throw new IllegalArgumentException("takes the " + Arrays.toString(image) + " image and " + classes
                    + " one-hot classes (" + expected + " values) but its input " + Arrays.toString(context.inputShape())
                    + " has " + context.inputSize());
        }
        return (int) expected;
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Shapes.checkInput(name, input, imageSize + classes);
        Cache c = (Cache) cache;
        c.ensure(backend, input.rows(), imageSize, classes, plane, out);
        backend.sliceColumns(input, 0, c.image);
        backend.sliceColumns(input, imageSize, c.labels);
        backend.gemm(false, false, 1f, c.labelColumn, ones, 0f, c.planeRows);
        backend.concatColumns(c.image, c.planes, c.output);
        c.ran = true;
        return c.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = check(gradOutput, (Cache) cache);
        backend.sliceColumns(gradOutput, 0, c.image);
        backend.sliceColumns(gradOutput, imageSize, c.planes);
        backend.sumRows(c.planeRows, c.labelColumn);
        backend.concatColumns(c.image, c.labels, c.gradInput);
        return c.gradInput;
    }

    /** No parameters: nothing to do. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        check(gradOutput, (Cache) cache);
    }

    private Cache check(Tensor gradOutput, Cache c) {
        if (!c.ran) {
            throw new IllegalStateException(name + ": backward called before forward");
        }
        Shapes.checkInput(name, gradOutput, imageSize + classes * plane);
        return c;
    }

    /**
     * One call site's tensors, made once per batch size. The image, label and plane tensors are
     * scratch for the forward pass and reused by the backward pass for the gradients' parts.
     */
    private static final class Cache implements LayerCache {
        Tensor image;
        Tensor labels;
        /** {@code labels} as {@code [N·classes, 1]}. */
        Tensor labelColumn;
        Tensor planes;
        /** {@code planes} as {@code [N·classes, H·W]}. */
        Tensor planeRows;
        Tensor output;
        Tensor gradInput;
        boolean ran;

        void ensure(Backend backend, int n, int imageSize, int classes, int plane, int[] out) {
            if (output != null && output.dim(0) == n) {
                return;
            }
            image = backend.zeros(n, imageSize);
            labels = backend.zeros(n, classes);
            labelColumn = labels.reshape(n * classes, 1);
            planes = backend.zeros(n, classes * plane);
            planeRows = planes.reshape(n * classes, plane);
            output = backend.zeros(Shapes.batch(n, out));
            gradInput = backend.zeros(n, imageSize + classes);
        }
    }
}
