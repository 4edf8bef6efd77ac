package dev.gan4j.backend.nd4j;

import dev.gan4j.api.ConvGeometry;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

/**
 * The convolutions on libnd4j's own ops: {@code conv2d} for the forward pass, {@code deconv2d}
 * (a transposed convolution) for the input gradient and {@code conv2d_bp} for the weight gradient.
 *
 * <p>Like {@link NativeKernels}, it calls the native executioner directly: one native op context,
 * given each call the tensors' buffers and shape information and the integer arguments in a
 * native array, run with {@code execCustomOp2} and purged. {@code Nd4j.exec} with a
 * {@code DynamicCustomOp} would build the op, its argument lists and an {@code OpContext} and
 * compute the output shapes again on every call. Here nothing is allocated on the Java heap per
 * call once the scratch tensors for a shape exist; libnd4j allocates its im2col columns natively.
 *
 * <p>The shapes are checked by the caller ({@link ConvGeometry#check}), so libnd4j's own checks
 * never fail for bad input; a failure it reports is an {@link IllegalStateException}.
 */
final class Nd4jConvolution implements AutoCloseable {

    /** Integer arguments of all three ops: kH, kW, sH, sW, pH, pW, dH, dW, isSameMode, dataFormat, wFormat. */
    private static final int ARGUMENTS = 11;
    /** isSameMode: 0 takes the padding from the arguments (PyTorch's explicit padding). */
    private static final int EXPLICIT_PADDING = 0;
    /** dataFormat: 0 is NCHW, 1 is NHWC. */
    private static final int NCHW = 0;
    /**
     * wFormat 1 is {@code [oC, iC, kH, kW]} for conv2d and conv2d_bp and {@code [iC, oC, kH, kW]}
     * for deconv2d, whose input is the convolution's output: both are gan4j's {@code [K, C, kh, kw]}.
     */
    private static final int WEIGHTS_OUT_IN_KH_KW = 1;

    private final NativeOps ops;
    private final long conv2d;
    private final long conv2dBackprop;
    private final long deconv2d;
    private final OpaqueContext context;
    private final LongPointer arguments;
    /** conv2d_bp always computes the input gradient too: it goes here, one tensor per input shape. */
    private final List<Nd4jTensor> unusedInputGradients = new ArrayList<>();
    /** Where conv2d_bp writes a weight gradient that is then added with beta, one per weight shape. */
    private final List<Nd4jTensor> weightGradients = new ArrayList<>();
    /** deconv2d's unpadded results, for input gradients with output padding, one per shape. */
    private final List<Nd4jTensor> unpadded = new ArrayList<>();
    private final Nd4jBackend backend;
    private boolean closed;

    /** For {@code backend}, whose {@link NativeKernels#start} has loaded ND4J. */
    Nd4jConvolution(Nd4jBackend backend) {
        this.ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        this.backend = backend;
        // Op hashes come from ND4J's own op classes so that they follow the library's op names.
        this.conv2d = new Conv2D().opHash();
        this.conv2dBackprop = new Conv2DDerivative().opHash();
        this.deconv2d = new DeConv2D().opHash();
        this.context = ops.createGraphContext(1);
        this.arguments = new LongPointer(ARGUMENTS);
    }

    /** {@code output = input ⋆ weight}; shapes checked, output distinct from the inputs. */
    void forward(Nd4jTensor input, Nd4jTensor weight, ConvGeometry geometry, Nd4jTensor output) {
        requireOpen("conv2d");
        input(0, input);
        input(1, weight);
        output(0, output);
        run(conv2d, "conv2d", geometry, geometry.padHeight(), geometry.padWidth());
    }

    /**
     * {@code gradInput} from {@code gradOutput} and {@code weight} by deconv2d. deconv2d insists on
     * its own output size {@code (OH − 1)·sh + kh − 2·ph}; a {@code gradInput} a few rows or
     * columns larger (a transposed convolution's output padding, which the padding rows of the
     * convolution may still reach) is cut from deconv2d's unpadded result instead, a scratch
     * tensor of size {@code (OH − 1)·sh + kh}, starting at row {@code ph} and column {@code pw},
     * with zeros where no window reaches.
     */
    void backwardInput(Nd4jTensor gradOutput, Nd4jTensor weight, ConvGeometry geometry, Nd4jTensor gradInput) {
        requireOpen("conv2dBackwardInput");
        int oh = gradOutput.dim(2);
        int ow = gradOutput.dim(3);
        int h = gradInput.dim(2);
        int w = gradInput.dim(3);
        int naturalH = (oh - 1) * geometry.strideHeight() + geometry.kernelHeight();
        int naturalW = (ow - 1) * geometry.strideWidth() + geometry.kernelWidth();
        input(0, gradOutput);
        input(1, weight);
        if (h == naturalH - 2 * geometry.padHeight() && w == naturalW - 2 * geometry.padWidth()) {
            output(0, gradInput);
            run(deconv2d, "deconv2d", geometry, geometry.padHeight(), geometry.padWidth());
            return;
        }
        Nd4jTensor full = scratch(unpadded, gradInput.dim(0), gradInput.dim(1), naturalH, naturalW);
        output(0, full);
        run(deconv2d, "deconv2d", geometry, 0, 0);
        cropInto(full, geometry.padHeight(), geometry.padWidth(), gradInput);
    }

    /** {@code out[n,c,y,x] = full[n, c, y + top, x + left]}, zero outside {@code full}. */
    private static void cropInto(Nd4jTensor full, int top, int left, Nd4jTensor out) {
        int planes = out.dim(0) * out.dim(1);
        int fh = full.dim(2);
        int fw = full.dim(3);
        int h = out.dim(2);
        int w = out.dim(3);
        int copied = Math.min(w, fw - left);
        for (int plane = 0; plane < planes; plane++) {
            for (int y = 0; y < h; y++) {
                int to = (plane * h + y) * w;
                int row = y + top;
                int kept = row < fh ? copied : 0;
                if (kept > 0) {
                    JavaKernels.copy(full.data, (plane * fh + row) * fw + left, out.data, to, kept);
                }
                for (int x = kept; x < w; x++) {
                    out.data.put(to + x, 0f);
                }
            }
        }
    }

    /**
     * {@code gradWeight = beta·gradWeight + ∂/∂weight}. conv2d_bp writes its weight gradient, so
     * with {@code beta ≠ 0} it writes into a scratch tensor that is then added; its input gradient,
     * which it computes from the weights, is not wanted, and {@code gradWeight} stands in as the
     * weights (any tensor of that shape would do).
     */
    void backwardWeight(Nd4jTensor input, Nd4jTensor gradOutput, ConvGeometry geometry, float beta,
            Nd4jTensor gradWeight, NativeKernels natives) {
        requireOpen("conv2dBackwardWeight");
        Nd4jTensor target = beta == 0f ? gradWeight : scratchLike(weightGradients, gradWeight);
        input(0, input);
        input(1, gradWeight);
        input(2, gradOutput);
        output(0, scratchLike(unusedInputGradients, input));
        output(1, target);
        run(conv2dBackprop, "conv2d_bp", geometry, geometry.padHeight(), geometry.padWidth());
        if (target != gradWeight) {
            natives.axpby(1f, target, beta, gradWeight, gradWeight);
        }
    }

    private void requireOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": the nd4j backend is closed");
        }
    }

    private void input(int index, Nd4jTensor t) {
        ops.setGraphContextInputBuffer(context, index, t.opaque, t.shapeInfo, null);
    }

    private void output(int index, Nd4jTensor t) {
        ops.setGraphContextOutputBuffer(context, index, t.opaque, t.shapeInfo, null);
    }

    private void run(long op, String name, ConvGeometry g, int padHeight, int padWidth) {
        arguments.put(0, g.kernelHeight());
        arguments.put(1, g.kernelWidth());
        arguments.put(2, g.strideHeight());
        arguments.put(3, g.strideWidth());
        arguments.put(4, padHeight);
        arguments.put(5, padWidth);
        arguments.put(6, 1); // dilation
        arguments.put(7, 1);
        arguments.put(8, EXPLICIT_PADDING);
        arguments.put(9, NCHW);
        arguments.put(10, WEIGHTS_OUT_IN_KH_KW);
        ops.setGraphContextIArguments(context, arguments, ARGUMENTS);
        int status = ops.execCustomOp2(null, op, context);
        // The context would otherwise keep the last tensors' buffers alive, and their arrays
        // would be inputs of the next op.
        ops.ctxPurge(context);
        if (status != 0 || ops.lastErrorCode() != 0) {
            throw new IllegalStateException("libnd4j's " + name + " failed (status " + status + "): "
                    + ops.lastErrorMessage());
        }
    }

    /** A tensor of {@code like}'s shape from {@code cache}, made on first use. */
    private Nd4jTensor scratchLike(List<Nd4jTensor> cache, Nd4jTensor like) {
        return scratch(cache, like.dim(0), like.dim(1), like.dim(2), like.dim(3));
    }

    /** A {@code [d0, d1, d2, d3]} tensor from {@code cache}, made on first use. */
    private Nd4jTensor scratch(List<Nd4jTensor> cache, int d0, int d1, int d2, int d3) {
        for (int i = 0; i < cache.size(); i++) {
            Nd4jTensor t = cache.get(i);
            if (t.dim(0) == d0 && t.dim(1) == d1 && t.dim(2) == d2 && t.dim(3) == d3) {
                return t;
            }
        }
        Nd4jTensor t = (Nd4jTensor) backend.zeros(d0, d1, d2, d3);
        cache.add(t);
        return t;
    }

    /** Frees the native context; the scratch tensors go with the garbage collector. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ops.deleteGraphContext(context);
            arguments.close();
        }
    }
}
