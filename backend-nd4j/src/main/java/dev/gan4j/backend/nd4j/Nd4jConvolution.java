package dev.gan4j.backend.nd4j;

import dev.gan4j.api.ConvGeometry;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Col2Im;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Im2col;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

/**
 * The convolutions on libnd4j's own ops: {@code conv2d} for the forward pass; for the two
 * gradients, libnd4j's {@code im2col} and {@code col2im} around OpenBLAS's {@code sgemm} (one
 * product per image, or one for the batch, see {@link #backwardInput}), on a column buffer of
 * {@code N·C·kh·kw·OH·OW} floats kept per shape.
 *
 * <p>Why not libnd4j's {@code deconv2d} and {@code conv2d_bp} for the gradients: they are built
 * of the same im2col, col2im and matrix product, but their {@code tensorDot} writes through a
 * permuted six-dimensional view and copies it back, and {@code conv2d_bp} always computes both
 * gradients. Measured at DCGAN's shapes with one thread (CPU time), they took 4–14× as long as
 * this composition. deconv2d also accepts only its own output size, not a transposed convolution's
 * output padding, which col2im handles since it is told the image size.
 *
 * <p>Like {@link NativeKernels}, it calls the native executioner directly: one native op context,
 * given each call the tensors' buffers and shape information and the integer arguments in a
 * native array, run with {@code execCustomOp2} and purged. {@code Nd4j.exec} with a
 * {@code DynamicCustomOp} would build the op, its argument lists and an {@code OpContext} and
 * compute the output shapes again on every call. Here nothing is allocated on the Java heap per
 * call once the scratch buffers for a shape exist (libnd4j's conv2d allocates its own columns
 * natively).
 *
 * <p>The shapes are checked by the caller ({@link ConvGeometry#check}), so libnd4j's own checks
 * never fail for bad input; a failure it reports is an {@link IllegalStateException}.
 */
final class Nd4jConvolution implements AutoCloseable {

    /** Most integer arguments an op here takes (conv2d's eleven). */
    private static final int MAX_ARGUMENTS = 11;
    /** isSameMode: 0 takes the padding from the arguments (PyTorch's explicit padding). */
    private static final int EXPLICIT_PADDING = 0;
    /** conv2d's dataFormat: 0 is NCHW, 1 is NHWC. */
    private static final int NCHW = 0;
    /** conv2d's wFormat 1 is {@code [oC, iC, kH, kW]}, gan4j's {@code [K, C, kh, kw]}. */
    private static final int WEIGHTS_OUT_IN_KH_KW = 1;
    /**
     * From this window size {@code C·kh·kw} the input gradient transposes {@code gradOutput} for
     * one large product (see {@link #backwardInput}); DCGAN's windows are 16 and 1024.
     */
    static final int ONE_PRODUCT_MIN_PATCH = 128;
    /**
     * Floats the scratch buffers may hold together (256 MiB): a training run's few shapes stay far
     * below it (DCGAN's at batch 64: 3.8 M), while shapes that keep changing, such as evaluation
     * batches of other sizes, drop the older buffers instead of piling them up.
     */
    static final long DEFAULT_SCRATCH_FLOATS = 1L << 26;

    private final NativeOps ops;
    private final NativeKernels natives;
    private final Nd4jBackend backend;
    private final long conv2d;
    private final long im2col;
    private final long col2im;
    private final OpaqueContext context;
    private final LongPointer arguments;
    /** Column buffers, one per shape, shared by the layers of that shape. */
    private final List<Columns> columns = new ArrayList<>();
    /** Gradients of the output transposed to {@code [K, N·OH·OW]}, one per shape. */
    private final List<Nd4jTensor> channelsFirst = new ArrayList<>();
    private final long scratchBudget;
    private long scratchFloats;
    private boolean closed;

    /**
     * For {@code backend}, whose {@link NativeKernels#start} has loaded ND4J, with scratch
     * buffers of at most {@code scratchBudget} floats kept (see {@link #DEFAULT_SCRATCH_FLOATS}).
     */
    Nd4jConvolution(Nd4jBackend backend, NativeKernels natives, long scratchBudget) {
        this.scratchBudget = scratchBudget;
        this.ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        this.natives = natives;
        this.backend = backend;
        // Op hashes come from ND4J's own op classes so that they follow the library's op names.
        this.conv2d = new Conv2D().opHash();
        this.im2col = new Im2col().opHash();
        this.col2im = new Col2Im().opHash();
        this.context = ops.createGraphContext(1);
        this.arguments = new LongPointer(MAX_ARGUMENTS);
    }

    /** {@code output = input ⋆ weight} by libnd4j's conv2d; shapes checked, output distinct from the inputs. */
    void forward(Nd4jTensor input, Nd4jTensor weight, ConvGeometry g, Nd4jTensor output) {
        requireOpen("conv2d");
        input(0, input);
        input(1, weight);
        output(0, output);
        windowArguments(g);
        arguments.put(9, NCHW);
        arguments.put(10, WEIGHTS_OUT_IN_KH_KW);
        run(conv2d, "conv2d", 11);
    }

    /**
     * {@code gradInput}: the columns {@code weightᵀ · gradOutput} of every image, then col2im adds
     * their windows into the image, which it clears first, so rows and columns of output padding
     * that no window reaches stay zero.
     *
     * <p>With large windows ({@code C·kh·kw ≥} {@link #ONE_PRODUCT_MIN_PATCH}) {@code gradOutput}
     * is first transposed to {@code [K, N·OH·OW]} so that one product gives the columns of all
     * images as one matrix {@code [C·kh·kw, N·OH·OW]}, which col2im reads through a permuted view:
     * one large product ran about 1.3× as fast as one per image there. With small windows the
     * transposition, a pass over {@code gradOutput}, costs more than it saves, and each image's
     * columns come from their own product.
     */
    void backwardInput(Nd4jTensor gradOutput, Nd4jTensor weight, ConvGeometry g, Nd4jTensor gradInput) {
        requireOpen("conv2dBackwardInput");
        int batch = gradInput.dim(0);
        int k = weight.dim(0);
        int patch = weight.size() / k;
        int positions = gradOutput.dim(2) * gradOutput.dim(3);
        Columns cols = columns(gradInput, g, gradOutput.dim(2), gradOutput.dim(3));
        if (patch >= ONE_PRODUCT_MIN_PATCH) {
            Nd4jTensor transposed = channelsFirst(gradOutput);
            natives.gemm(true, false, patch, batch * positions, k, 1f, weight, 0, patch,
                    transposed, 0, batch * positions, 0f, cols.tensor(), 0, batch * positions);
            ops.setGraphContextInputBuffer(context, 0, cols.tensor().opaque, cols.transposedShapeInfo(), null);
        } else {
            for (int n = 0; n < batch; n++) {
                natives.gemm(true, false, patch, positions, k, 1f, weight, 0, patch, gradOutput,
                        (long) n * k * positions, positions, 0f, cols.tensor(), (long) n * patch * positions, positions);
            }
            input(0, cols.tensor());
        }
        output(0, gradInput);
        arguments.put(0, g.strideHeight());
        arguments.put(1, g.strideWidth());
        arguments.put(2, g.padHeight());
        arguments.put(3, g.padWidth());
        arguments.put(4, gradInput.dim(2));
        arguments.put(5, gradInput.dim(3));
        arguments.put(6, 1); // dilation
        arguments.put(7, 1);
        arguments.put(8, EXPLICIT_PADDING);
        run(col2im, "col2im", 9);
    }

    /** {@code map [N, K, OH, OW]} copied to a scratch {@code [K, N·OH·OW]}: channel by channel, image by image. */
    private Nd4jTensor channelsFirst(Nd4jTensor map) {
        int batch = map.dim(0);
        int k = map.dim(1);
        int positions = map.dim(2) * map.dim(3);
        Nd4jTensor out = null;
        for (int i = 0; i < channelsFirst.size() && out == null; i++) {
            Nd4jTensor t = channelsFirst.get(i);
            if (t.dim(0) == k && t.dim(1) == batch * positions) {
                out = t;
            }
        }
        if (out == null) {
            makeRoom((long) k * batch * positions);
            out = (Nd4jTensor) backend.zeros(k, batch * positions);
            channelsFirst.add(out);
        }
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < k; c++) {
                JavaKernels.copy(map.data, (n * k + c) * positions, out.data, (c * batch + n) * positions, positions);
            }
        }
        return out;
    }

    /**
     * {@code gradWeight = beta·gradWeight + Σ_n gradOutput[n] · columns[n]ᵀ} after im2col has
     * unfolded the input: the first product scales by {@code beta} (OpenBLAS overwrites when it is
     * 0, so old NaN does not survive), the others add.
     */
    void backwardWeight(Nd4jTensor input, Nd4jTensor gradOutput, ConvGeometry g, float beta, Nd4jTensor gradWeight) {
        requireOpen("conv2dBackwardWeight");
        int batch = input.dim(0);
        int k = gradWeight.dim(0);
        int patch = gradWeight.size() / k;
        int positions = gradOutput.dim(2) * gradOutput.dim(3);
        Nd4jTensor cols = columns(input, g, gradOutput.dim(2), gradOutput.dim(3)).tensor();
        input(0, input);
        output(0, cols);
        windowArguments(g);
        run(im2col, "im2col", 9);
        for (int n = 0; n < batch; n++) {
            natives.gemm(false, true, k, patch, positions, 1f, gradOutput, (long) n * k * positions, positions,
                    cols, (long) n * patch * positions, positions, n == 0 ? beta : 1f, gradWeight, 0, patch);
        }
    }

    /** conv2d's and im2col's first nine arguments: kernel, stride, padding, dilation 1, explicit padding. */
    private void windowArguments(ConvGeometry g) {
        arguments.put(0, g.kernelHeight());
        arguments.put(1, g.kernelWidth());
        arguments.put(2, g.strideHeight());
        arguments.put(3, g.strideWidth());
        arguments.put(4, g.padHeight());
        arguments.put(5, g.padWidth());
        arguments.put(6, 1); // dilation
        arguments.put(7, 1);
        arguments.put(8, EXPLICIT_PADDING);
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

    /** Runs {@code op} on the inputs and outputs set and the first {@code count} arguments. */
    private void run(long op, String name, int count) {
        ops.setGraphContextIArguments(context, arguments, count);
        int status = ops.execCustomOp2(null, op, context);
        // The context would otherwise keep the last tensors' buffers alive, and their arrays
        // would be inputs of the next op.
        ops.ctxPurge(context);
        if (status != 0 || ops.lastErrorCode() != 0) {
            throw new IllegalStateException("libnd4j's " + name + " failed (status " + status + "): "
                    + ops.lastErrorMessage());
        }
    }

    /** The column buffer for {@code image [N, C, H, W]} under {@code g}, made on first use. */
    private Columns columns(Nd4jTensor image, ConvGeometry g, int oh, int ow) {
        int n = image.dim(0);
        int c = image.dim(1);
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        for (int i = 0; i < columns.size(); i++) {
            Nd4jTensor t = columns.get(i).tensor();
            if (t.dim(0) == n && t.dim(1) == c && t.dim(2) == kh && t.dim(3) == kw && t.dim(4) == oh
                    && t.dim(5) == ow) {
                return columns.get(i);
            }
        }
        makeRoom((long) n * c * kh * kw * oh * ow);
        Nd4jTensor t = (Nd4jTensor) backend.zeros(n, c, kh, kw, oh, ow);
        // the same storage as [C, kh, kw, N, OH, OW], dimensions put back in im2col's order
        INDArray transposed = t.unwrap(INDArray.class).reshape('c', c, kh, kw, n, oh, ow).permute(3, 0, 1, 2, 4, 5);
        Columns made = new Columns(t, transposed, (LongPointer) transposed.shapeInfoDataBuffer().addressPointer());
        columns.add(made);
        return made;
    }

    /** Drops every scratch buffer kept if {@code floats} more would exceed the budget. */
    private void makeRoom(long floats) {
        if (scratchFloats + floats > scratchBudget) {
            columns.clear();
            channelsFirst.clear();
            scratchFloats = 0;
        }
        scratchFloats += floats;
    }

    /** Floats held by the scratch buffers kept now. */
    long scratchFloats() {
        return scratchFloats;
    }

    /**
     * A column buffer of {@code N·C·kh·kw·OH·OW} floats seen two ways: as im2col writes it,
     * {@code [N, C, kh, kw, OH, OW]} in row-major order ({@code tensor}), and as the matrix
     * {@code [C·kh·kw, N·OH·OW]} that one product writes for all images, which col2im reads
     * through the shape information of a permuted view ({@code transposed}, kept so that its
     * shape information stays allocated).
     */
    private record Columns(Nd4jTensor tensor, INDArray transposed, LongPointer transposedShapeInfo) {
    }

    /** Frees the native context; the column tensors go with the garbage collector. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ops.deleteGraphContext(context);
            arguments.close();
        }
    }
}
