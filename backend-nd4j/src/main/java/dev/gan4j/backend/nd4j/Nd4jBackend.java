package dev.gan4j.backend.nd4j;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.Kernels;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link Backend} on ND4J: float32 {@code 'c'} arrays, OpenBLAS {@code sgemm} for matrix
 * products, ND4J's native loops for sigmoid/tanh/exp/log, libnd4j's convolution ops (see
 * {@link Nd4jConvolution}) and Java loops on the native memory for everything else (see
 * {@link NativeKernels} and {@link JavaKernels} for why). After its tensors exist, and the column
 * buffers of each convolution shape, no operation allocates.
 *
 * <p>Not thread-safe, like every backend.
 */
final class Nd4jBackend implements Backend {

    /**
     * From this many elements, axpby, addRowVector and sumColumns call OpenBLAS; below it a Java
     * loop is as fast (measured: equal at ~10² elements, BLAS 2× faster at 10⁴) and the JNI call
     * is not worth it.
     */
    static final int BLAS_THRESHOLD = 2048;

    private final NativeKernels natives;
    private final Nd4jConvolution convolution;
    private final String version;
    // sumColumns (small inputs) and columnMeanVariance accumulate in double here; grown on demand, then reused.
    private double[] columnScratch = new double[0];
    // A vector of ones for BLAS row broadcasts and column sums; grown on demand, then reused.
    private Nd4jTensor ones;

    /** The optional kernels this backend offers ({@link #kernels(Class)}), one instance of each. */
    private final Kernels[] kernels = {new Nd4jOptimizerKernels(), new Nd4jGatherKernels()};

    private Nd4jBackend(NativeKernels natives, String version) {
        this.natives = natives;
        this.version = version;
        this.convolution = newConvolution(Nd4jConvolution.DEFAULT_SCRATCH_FLOATS);
    }

    /** Convolutions on this backend keeping at most {@code scratchBudget} floats of scratch. */
    Nd4jConvolution newConvolution(long scratchBudget) {
        return new Nd4jConvolution(this, natives, scratchBudget);
    }

    /** Loads ND4J, applies {@code threads} and checks the native kernels; see {@link NativeKernels#start}. */
    static Nd4jBackend start(int threads, String version) {
        Nd4jBackend backend = new Nd4jBackend(NativeKernels.start(threads), version);
        backend.natives.selfTest(backend);
        return backend;
    }

    @Override
    public String name() {
        return Nd4jBackendProvider.NAME;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Map<String, String> settings() {
        return natives.settings();
    }

    // ---- creation -----------------------------------------------------------------------------

    @Override
    public Tensor zeros(int... shape) {
        checkShape("zeros", shape);
        return new Nd4jTensor(this, Nd4j.create(DataType.FLOAT, toLongs(shape), 'c'), shape);
    }

    @Override
    public Tensor fromArray(float[] data, int... shape) {
        Objects.requireNonNull(data, "fromArray: data");
        int size = checkShape("fromArray", shape);
        if (data.length != size) {
            throw new IllegalArgumentException("fromArray: shape " + Arrays.toString(shape) + " needs "
                    + size + " elements, data has " + data.length);
        }
        return new Nd4jTensor(this, Nd4j.create(data, toLongs(shape), 'c'), shape);
    }

    // ---- copying and filling ------------------------------------------------------------------

    @Override
    public void copy(Tensor src, Tensor dst) {
        Nd4jTensor s = own("copy", "src", src);
        Nd4jTensor d = own("copy", "dst", dst);
        requireSameSize("copy", "dst", d, "src", s);
        if (!s.sharesStorageWith(d)) {
            JavaKernels.copy(s.data, d.data, s.size());
        }
    }

    @Override
    public void fill(Tensor dst, float value) {
        Nd4jTensor d = own("fill", "dst", dst);
        if (Float.floatToRawIntBits(value) == 0) {
            // +0.0f is all-zero bits: one native memset.
            Pointer.memset(d.pointer, 0, (long) d.size() * Float.BYTES);
        } else {
            JavaKernels.fill(d.data, value, d.size());
        }
    }

    // ---- linear algebra -----------------------------------------------------------------------

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        Nd4jTensor ta = own("gemm", "a", a);
        Nd4jTensor tb = own("gemm", "b", b);
        Nd4jTensor tc = own("gemm", "c", c);
        int m = transposeA ? ta.columns() : ta.rows();
        int k = transposeA ? ta.rows() : ta.columns();
        int kb = transposeB ? tb.columns() : tb.rows();
        int n = transposeB ? tb.rows() : tb.columns();
        if (k != kb) {
            throw new IllegalArgumentException("gemm: op(a) is " + m + "×" + k + " but op(b) is " + kb + "×"
                    + n + "; inner dimensions differ (" + k + " vs " + kb + ")" + describeTransposes(transposeA, transposeB));
        }
        if (tc.rows() != m || tc.columns() != n) {
            throw new IllegalArgumentException("gemm: c must be " + m + "×" + n + " (op(a) " + m + "×" + k
                    + " · op(b) " + k + "×" + n + "), got " + tc.rows() + "×" + tc.columns()
                    + describeTransposes(transposeA, transposeB));
        }
        if (tc.sharesStorageWith(ta) || tc.sharesStorageWith(tb)) {
            throw new IllegalArgumentException("gemm: c must not share storage with "
                    + (tc.sharesStorageWith(ta) ? "a" : "b"));
        }
        // OpenBLAS treats beta == 0 as "overwrite", so NaN in c's old contents does not leak.
        natives.gemm(transposeA, transposeB, m, n, k, alpha, ta, tb, beta, tc);
    }

    @Override
    public void addRowVector(Tensor a, Tensor row, Tensor out) {
        Nd4jTensor ta = own("addRowVector", "a", a);
        Nd4jTensor tr = own("addRowVector", "row", row);
        Nd4jTensor to = own("addRowVector", "out", out);
        requireSize("addRowVector", "row", tr, ta.columns(), "a.columns()");
        requireSameMatrix("addRowVector", "out", to, "a", ta);
        if (ta.size() >= BLAS_THRESHOLD && !tr.sharesStorageWith(to)) {
            natives.addRowVector(ta, tr, to, ones(ta.rows()));
        } else {
            JavaKernels.addRowVector(ta.data, tr.data, to.data, ta.rows(), ta.columns());
        }
    }

    @Override
    public void mulRowVector(Tensor a, Tensor row, Tensor out) {
        Nd4jTensor ta = own("mulRowVector", "a", a);
        Nd4jTensor tr = own("mulRowVector", "row", row);
        Nd4jTensor to = own("mulRowVector", "out", out);
        requireSize("mulRowVector", "row", tr, ta.columns(), "a.columns()");
        requireSameMatrix("mulRowVector", "out", to, "a", ta);
        JavaKernels.mulRowVector(ta.data, tr.data, to.data, ta.rows(), ta.columns());
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        rowSums("sumRows", a, out, false);
    }

    @Override
    public void meanRows(Tensor a, Tensor out) {
        rowSums("meanRows", a, out, true);
    }

    private static void rowSums(String op, Tensor a, Tensor out, boolean mean) {
        Nd4jTensor ta = own(op, "a", a);
        Nd4jTensor to = own(op, "out", out);
        requireSize(op, "out", to, ta.rows(), "a.rows()");
        JavaKernels.rowSums(ta.data, to.data, ta.rows(), ta.columns(), mean);
    }

    @Override
    public void columnMeanVariance(Tensor a, Tensor mean, Tensor variance) {
        Nd4jTensor ta = own("columnMeanVariance", "a", a);
        Nd4jTensor tm = own("columnMeanVariance", "mean", mean);
        Nd4jTensor tv = own("columnMeanVariance", "variance", variance);
        requireSize("columnMeanVariance", "mean", tm, ta.columns(), "a.columns()");
        requireSize("columnMeanVariance", "variance", tv, ta.columns(), "a.columns()");
        if (tm.sharesStorageWith(tv)) {
            throw new IllegalArgumentException("columnMeanVariance: mean and variance must be distinct tensors");
        }
        JavaKernels.columnMeanVariance(ta.data, tm.data, tv.data, ta.rows(), ta.columns(),
                columnScratch(2 * ta.columns()));
    }

    @Override
    public void sumColumns(Tensor a, float beta, Tensor out) {
        Nd4jTensor ta = own("sumColumns", "a", a);
        Nd4jTensor to = own("sumColumns", "out", out);
        requireSize("sumColumns", "out", to, ta.columns(), "a.columns()");
        if (ta.size() >= BLAS_THRESHOLD && !to.sharesStorageWith(ta)) {
            natives.sumColumns(ta, beta, to, ones(ta.rows()));
            return;
        }
        JavaKernels.sumColumns(ta.data, beta, to.data, ta.rows(), ta.columns(), columnScratch(ta.columns()));
    }

    // ---- convolution (libnd4j's ops, see Nd4jConvolution) and per-channel ------------------

    @Override
    public void conv2d(Tensor input, Tensor weight, ConvGeometry geometry, Tensor output) {
        Nd4jTensor x = own("conv2d", "input", input);
        Nd4jTensor w = own("conv2d", "weight", weight);
        Nd4jTensor y = own("conv2d", "output", output);
        checkConvolution("conv2d", geometry, x, w, y);
        requireWrittenApart("conv2d", y, x, w);
        convolution.forward(x, w, geometry, y);
    }

    @Override
    public void conv2dBackwardInput(Tensor gradOutput, Tensor weight, ConvGeometry geometry, Tensor gradInput) {
        Nd4jTensor dy = own("conv2dBackwardInput", "gradOutput", gradOutput);
        Nd4jTensor w = own("conv2dBackwardInput", "weight", weight);
        Nd4jTensor dx = own("conv2dBackwardInput", "gradInput", gradInput);
        checkConvolution("conv2dBackwardInput", geometry, dx, w, dy);
        requireWrittenApart("conv2dBackwardInput", dx, dy, w);
        convolution.backwardInput(dy, w, geometry, dx);
    }

    @Override
    public void conv2dBackwardWeight(Tensor input, Tensor gradOutput, ConvGeometry geometry, float beta,
            Tensor gradWeight) {
        Nd4jTensor x = own("conv2dBackwardWeight", "input", input);
        Nd4jTensor dy = own("conv2dBackwardWeight", "gradOutput", gradOutput);
        Nd4jTensor dw = own("conv2dBackwardWeight", "gradWeight", gradWeight);
        checkConvolution("conv2dBackwardWeight", geometry, x, dw, dy);
        requireWrittenApart("conv2dBackwardWeight", dw, x, dy);
        convolution.backwardWeight(x, dy, geometry, beta, dw);
    }

    /**
     * Checks a convolution's {@code input [N, C, H, W]}, {@code weight [K, C, kh, kw]} and
     * {@code output [N, K, OH, OW]} as {@link ConvGeometry#check} does, but in place, without its
     * garbage: only when a condition fails does {@code check} build its message.
     */
    private static void checkConvolution(String op, ConvGeometry g, Nd4jTensor input, Nd4jTensor weight,
            Nd4jTensor output) {
        if (g == null) {
            throw new NullPointerException(op + ": geometry is null");
        }
        boolean fits = input.rank() == 4 && weight.rank() == 4 && output.rank() == 4
                && weight.dim(2) == g.kernelHeight() && weight.dim(3) == g.kernelWidth()
                && weight.dim(1) == input.dim(1)
                && output.dim(0) == input.dim(0) && output.dim(1) == weight.dim(0)
                && g.outputHeight(input.dim(2)) >= 1 && output.dim(2) == g.outputHeight(input.dim(2))
                && g.outputWidth(input.dim(3)) >= 1 && output.dim(3) == g.outputWidth(input.dim(3));
        if (!fits) {
            g.check(op, input.dims(), weight.dims(), output.dims());
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(input.dims()) + ", weight "
                    + Arrays.toString(weight.dims()) + " and output " + Arrays.toString(output.dims())
                    + " do not fit " + g);
        }
    }

    /** The tensor a convolution writes must not be (a view of) one it reads. */
    private static void requireWrittenApart(String op, Nd4jTensor written, Nd4jTensor read, Nd4jTensor alsoRead) {
        if (written.sharesStorageWith(read) || written.sharesStorageWith(alsoRead)) {
            throw new IllegalArgumentException(op + ": the tensor it writes must not share storage with its inputs");
        }
    }

    @Override
    public void addChannels(Tensor a, Tensor channels, Tensor out) {
        channelOp("addChannels", a, channels, out, false);
    }

    @Override
    public void mulChannels(Tensor a, Tensor channels, Tensor out) {
        channelOp("mulChannels", a, channels, out, true);
    }

    private static void channelOp(String op, Tensor a, Tensor channels, Tensor out, boolean multiply) {
        Nd4jTensor ta = own(op, "a", a);
        Nd4jTensor tc = own(op, "channels", channels);
        Nd4jTensor to = own(op, "out", out);
        int c = channels(op, ta, "channels", tc);
        requireSameSize(op, "out", to, "a", ta);
        if (multiply) {
            JavaKernels.mulChannels(ta.data, tc.data, to.data, ta.rows(), c, ta.columns() / c);
        } else {
            JavaKernels.addChannels(ta.data, tc.data, to.data, ta.rows(), c, ta.columns() / c);
        }
    }

    @Override
    public void sumChannels(Tensor a, float beta, Tensor out) {
        Nd4jTensor ta = own("sumChannels", "a", a);
        Nd4jTensor to = own("sumChannels", "out", out);
        int c = channels("sumChannels", ta, "out", to);
        JavaKernels.sumChannels(ta.data, beta, to.data, ta.rows(), c, ta.columns() / c);
    }

    @Override
    public void channelMeanVariance(Tensor a, Tensor mean, Tensor variance) {
        Nd4jTensor ta = own("channelMeanVariance", "a", a);
        Nd4jTensor tm = own("channelMeanVariance", "mean", mean);
        Nd4jTensor tv = own("channelMeanVariance", "variance", variance);
        int c = channels("channelMeanVariance", ta, "mean", tm);
        channels("channelMeanVariance", ta, "variance", tv);
        if (tm.sharesStorageWith(tv)) {
            throw new IllegalArgumentException("channelMeanVariance: mean and variance must be distinct tensors");
        }
        JavaKernels.channelMeanVariance(ta.data, tm.data, tv.data, ta.rows(), c, ta.columns() / c);
    }

    /**
     * The channel count C of {@code a} seen as {@code [N, C, S]} (its dimension 1), after checking
     * that {@code a} has one and that the per-channel tensor {@code name} has C elements.
     */
    private static int channels(String op, Nd4jTensor a, String name, Nd4jTensor perChannel) {
        if (a.rank() < 2) {
            throw new IllegalArgumentException(op + ": a must have rank 2 or more ([N, C, ...]), got "
                    + Arrays.toString(a.dims()));
        }
        int c = a.dim(1);
        if (perChannel.size() != c) {
            throw new IllegalArgumentException(op + ": " + name + " " + Arrays.toString(perChannel.dims()) + " has "
                    + perChannel.size() + " elements, expected " + c + " (one per channel, dimension 1 of a "
                    + Arrays.toString(a.dims()) + ")");
        }
        return c;
    }

    @Override
    public double sum(Tensor a) {
        Nd4jTensor ta = own("sum", "a", a);
        return JavaKernels.sum(ta.data, ta.size());
    }

    // ---- element-wise -------------------------------------------------------------------------

    @Override
    public void unary(UnaryOp op, float p, Tensor a, Tensor out) {
        Objects.requireNonNull(op, "unary: op");
        Nd4jTensor ta = own("unary", "a", a);
        Nd4jTensor to = own("unary", "out", out);
        requireSameSize("unary", "out", to, "a", ta);
        switch (op) {
            case SIGMOID -> natives.sigmoid(ta, to);
            case TANH -> natives.tanh(ta, to);
            case EXP -> natives.exp(ta, to);
            case LOG -> natives.log(ta, to);
            default -> JavaKernels.unary(op, p, ta.data, to.data, ta.size());
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, float p, Tensor x, Tensor y, Tensor gradOut, Tensor gradIn) {
        Objects.requireNonNull(op, "unaryBackward: op");
        Nd4jTensor tx = own("unaryBackward", "x", x);
        Nd4jTensor ty = own("unaryBackward", "y", y);
        Nd4jTensor tg = own("unaryBackward", "gradOut", gradOut);
        Nd4jTensor ti = own("unaryBackward", "gradIn", gradIn);
        requireSameSize("unaryBackward", "y", ty, "x", tx);
        requireSameSize("unaryBackward", "gradOut", tg, "x", tx);
        requireSameSize("unaryBackward", "gradIn", ti, "x", tx);
        JavaKernels.unaryBackward(op, p, tx.data, ty.data, tg.data, ti.data, tx.size());
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Objects.requireNonNull(op, "binary: op");
        Nd4jTensor ta = own("binary", "a", a);
        Nd4jTensor tb = own("binary", "b", b);
        Nd4jTensor to = own("binary", "out", out);
        requireSameSize("binary", "b", tb, "a", ta);
        requireSameSize("binary", "out", to, "a", ta);
        JavaKernels.binary(op, ta.data, tb.data, to.data, ta.size());
    }

    @Override
    public void axpby(float alpha, Tensor a, float beta, Tensor b, Tensor out) {
        Nd4jTensor ta = own("axpby", "a", a);
        Nd4jTensor tb = own("axpby", "b", b);
        Nd4jTensor to = own("axpby", "out", out);
        requireSameSize("axpby", "b", tb, "a", ta);
        requireSameSize("axpby", "out", to, "a", ta);
        if (ta.size() >= BLAS_THRESHOLD && alpha != 0f && beta != 0f && !ta.sharesStorageWith(tb)) {
            natives.axpby(alpha, ta, beta, tb, to);
        } else {
            JavaKernels.axpby(alpha, ta.data, beta, tb.data, to.data, ta.size());
        }
    }

    @Override
    public void affine(float scale, float shift, Tensor a, Tensor out) {
        Nd4jTensor ta = own("affine", "a", a);
        Nd4jTensor to = own("affine", "out", out);
        requireSameSize("affine", "out", to, "a", ta);
        JavaKernels.affine(scale, shift, ta.data, to.data, ta.size());
    }

    @Override
    public void clip(float lo, float hi, Tensor a, Tensor out) {
        Nd4jTensor ta = own("clip", "a", a);
        Nd4jTensor to = own("clip", "out", out);
        requireSameSize("clip", "out", to, "a", ta);
        JavaKernels.clip(lo, hi, ta.data, to.data, ta.size());
    }

    /**
     * One Java pass for the optimiser updates ({@link Nd4jOptimizerKernels}) and the mixed-batch
     * gather ({@link Nd4jGatherKernels}), each faster than its plain composition here.
     */
    @Override
    public <K extends Kernels> Optional<K> kernels(Class<K> type) {
        for (Kernels k : kernels) {
            if (type.isInstance(k)) {
                return Optional.of(type.cast(k));
            }
        }
        return Optional.empty();
    }

    // ---- rows and columns ---------------------------------------------------------------------

    @Override
    public void gatherRows(Tensor a, int[] indices, int offset, Tensor out) {
        Nd4jTensor ta = own("gatherRows", "a", a);
        Nd4jTensor to = own("gatherRows", "out", out);
        Objects.requireNonNull(indices, "gatherRows: indices");
        requireColumns("gatherRows", "out", to, ta.columns(), "a");
        if (to.sharesStorageWith(ta)) {
            throw new IllegalArgumentException("gatherRows: out must not share storage with a");
        }
        int count = to.rows();
        requireIndexWindow("gatherRows", indices, offset, count);
        int columns = ta.columns();
        for (int k = 0; k < count; k++) {
            int index = indices[offset + k];
            if (index < 0 || index >= ta.rows()) {
                throw new IllegalArgumentException("gatherRows: indices[" + (offset + k) + "] = " + index
                        + " is outside a's rows [0, " + ta.rows() + ")");
            }
            JavaKernels.copy(ta.data, index * columns, to.data, k * columns, columns);
        }
    }

    @Override
    public void sliceRows(Tensor a, int from, Tensor out) {
        Nd4jTensor ta = own("sliceRows", "a", a);
        Nd4jTensor to = own("sliceRows", "out", out);
        requireColumns("sliceRows", "out", to, ta.columns(), "a");
        if (from < 0 || from > ta.rows() - to.rows()) {
            throw new IllegalArgumentException("sliceRows: rows [" + from + ", " + ((long) from + to.rows())
                    + ") are outside a's rows [0, " + ta.rows() + ")");
        }
        JavaKernels.copy(ta.data, from * ta.columns(), to.data, 0, to.size());
    }

    @Override
    public void concatRows(Tensor top, Tensor bottom, Tensor out) {
        Nd4jTensor tt = own("concatRows", "top", top);
        Nd4jTensor tb = own("concatRows", "bottom", bottom);
        Nd4jTensor to = own("concatRows", "out", out);
        requireColumns("concatRows", "bottom", tb, tt.columns(), "top");
        requireColumns("concatRows", "out", to, tt.columns(), "top");
        if (to.rows() != tt.rows() + tb.rows()) {
            throw new IllegalArgumentException("concatRows: out must have " + (tt.rows() + tb.rows())
                    + " rows (" + tt.rows() + " + " + tb.rows() + "), got " + to.rows());
        }
        JavaKernels.copy(tt.data, 0, to.data, 0, tt.size());
        JavaKernels.copy(tb.data, 0, to.data, tt.size(), tb.size());
    }

    @Override
    public void concatColumns(Tensor left, Tensor right, Tensor out) {
        Nd4jTensor tl = own("concatColumns", "left", left);
        Nd4jTensor tr = own("concatColumns", "right", right);
        Nd4jTensor to = own("concatColumns", "out", out);
        if (tr.rows() != tl.rows() || to.rows() != tl.rows()) {
            throw new IllegalArgumentException("concatColumns: left, right and out must have the same rows, got "
                    + tl.rows() + ", " + tr.rows() + " and " + to.rows());
        }
        int lc = tl.columns();
        int rc = tr.columns();
        int oc = to.columns();
        if (oc != lc + rc) {
            throw new IllegalArgumentException("concatColumns: out must have " + (lc + rc) + " columns ("
                    + lc + " + " + rc + "), got " + oc);
        }
        for (int i = 0; i < tl.rows(); i++) {
            JavaKernels.copy(tl.data, i * lc, to.data, i * oc, lc);
            JavaKernels.copy(tr.data, i * rc, to.data, i * oc + lc, rc);
        }
    }

    @Override
    public void sliceColumns(Tensor a, int from, Tensor out) {
        Nd4jTensor ta = own("sliceColumns", "a", a);
        Nd4jTensor to = own("sliceColumns", "out", out);
        if (to.rows() != ta.rows()) {
            throw new IllegalArgumentException("sliceColumns: out must have a's " + ta.rows() + " rows, got "
                    + to.rows());
        }
        int ac = ta.columns();
        int oc = to.columns();
        if (from < 0 || from > ac - oc) {
            throw new IllegalArgumentException("sliceColumns: columns [" + from + ", " + ((long) from + oc)
                    + ") are outside a's columns [0, " + ac + ")");
        }
        for (int i = 0; i < ta.rows(); i++) {
            JavaKernels.copy(ta.data, i * ac + from, to.data, i * oc, oc);
        }
    }

    /** The double scratch for column sums, grown to at least {@code n}, then reused. */
    private double[] columnScratch(int n) {
        if (columnScratch.length < n) {
            columnScratch = new double[n];
        }
        return columnScratch;
    }

    /** A tensor of at least {@code n} ones, kept for the next call. */
    private Nd4jTensor ones(int n) {
        if (ones == null || ones.size() < n) {
            ones = (Nd4jTensor) zeros(n);
            JavaKernels.fill(ones.data, 1f, n);
        }
        return ones;
    }

    /** Frees the convolutions' native op context; convolutions fail after this, the rest still works. */
    @Override
    public void close() {
        convolution.close();
    }

    @Override
    public String toString() {
        return "Nd4jBackend[" + version + ", " + settings() + "]";
    }

    // ---- checks -------------------------------------------------------------------------------

    /** Validates a tensor shape (rank ≥ 1, every dimension ≥ 1, size fits an int) and returns its size. */
    static int checkShape(String op, int[] shape) {
        Objects.requireNonNull(shape, op + ": shape");
        if (shape.length == 0) {
            throw new IllegalArgumentException(op + ": a shape needs at least one dimension");
        }
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new IllegalArgumentException(op + ": dimension " + i + " of shape "
                        + Arrays.toString(shape) + " is " + shape[i] + "; dimensions must be at least 1");
            }
            size *= shape[i];
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) size;
    }

    static long[] toLongs(int[] shape) {
        long[] longs = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            longs[i] = shape[i];
        }
        return longs;
    }

    static Nd4jTensor own(String op, String argument, Tensor tensor) {
        if (tensor instanceof Nd4jTensor nd4j) {
            return nd4j;
        }
        if (tensor == null) {
            throw new NullPointerException(op + ": " + argument + " is null");
        }
        throw new IllegalArgumentException(op + ": " + argument + " is a tensor of backend "
                + tensor.backend().name() + " (" + tensor.getClass().getName()
                + "); the nd4j backend works only on its own tensors");
    }

    static void requireSameSize(String op, String name, Nd4jTensor actual, String refName, Nd4jTensor ref) {
        if (actual.size() != ref.size()) {
            throw new IllegalArgumentException(op + ": " + name + " " + Arrays.toString(actual.shape()) + " has "
                    + actual.size() + " elements, expected " + ref.size() + " like " + refName + " "
                    + Arrays.toString(ref.shape()));
        }
    }

    /**
     * The update operations read and write several tensors element by element, so they must not
     * overlap. Fixed arities rather than varargs: no array per call.
     */
    static void requireDistinct(String op, Nd4jTensor w, Nd4jTensor g, Nd4jTensor v) {
        requireApart(op, "w", w, "g", g);
        requireApart(op, "w", w, "v", v);
        requireApart(op, "g", g, "v", v);
    }

    static void requireDistinct(String op, Nd4jTensor w, Nd4jTensor g, Nd4jTensor m, Nd4jTensor v) {
        requireDistinct(op, w, g, v);
        requireApart(op, "w", w, "m", m);
        requireApart(op, "g", g, "m", m);
        requireApart(op, "m", m, "v", v);
    }

    private static void requireApart(String op, String name, Nd4jTensor a, String otherName, Nd4jTensor b) {
        if (a.sharesStorageWith(b)) {
            throw new IllegalArgumentException(op + ": " + name + " and " + otherName
                    + " share storage; they must be distinct tensors");
        }
    }

    /** Checks that {@code indices[offset .. offset + count)} exists: one index per row of out. */
    static void requireIndexWindow(String op, int[] indices, int offset, int count) {
        if (offset < 0 || offset > indices.length - count) {
            throw new IllegalArgumentException(op + ": out has " + count + " rows, so indices["
                    + offset + " .. " + ((long) offset + count) + ") are needed but indices has "
                    + indices.length + " elements");
        }
    }

    static void requireSize(String op, String name, Nd4jTensor actual, int expected, String why) {
        if (actual.size() != expected) {
            throw new IllegalArgumentException(op + ": " + name + " " + Arrays.toString(actual.shape()) + " has "
                    + actual.size() + " elements, expected " + expected + " (" + why + ")");
        }
    }

    static void requireColumns(String op, String name, Nd4jTensor actual, int expected, String refName) {
        if (actual.columns() != expected) {
            throw new IllegalArgumentException(op + ": " + name + " " + Arrays.toString(actual.shape()) + " has "
                    + actual.columns() + " columns, expected " + expected + " like " + refName);
        }
    }

    static void requireSameMatrix(String op, String name, Nd4jTensor actual, String refName, Nd4jTensor ref) {
        if (actual.rows() != ref.rows() || actual.columns() != ref.columns()) {
            throw new IllegalArgumentException(op + ": " + name + " is " + actual.rows() + "×" + actual.columns()
                    + ", expected " + ref.rows() + "×" + ref.columns() + " like " + refName);
        }
    }

    private static String describeTransposes(boolean transposeA, boolean transposeB) {
        return " [transposeA=" + transposeA + ", transposeB=" + transposeB + "]";
    }
}
