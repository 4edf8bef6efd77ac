package dev.gan4j.backend.ejml;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.Kernels;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Float32 {@link Backend} on EJML's row-major dense matrices.
 *
 * <p>Matrix products go to the kernel {@link GemmChoice} picks: netlib's JNI binding to the
 * system BLAS (OpenBLAS) when installed, netlib's pure-Java BLAS otherwise, or EJML's own
 * {@code CommonOps_FDRM}/{@code CommonOps_MT_FDRM}; {@link #settings()} names the one in use,
 * and the system BLAS runs on the {@code threads} option's count. Convolutions are matrix
 * products on the same kernel ({@link GemmConvolution}: im2col and col2im). Everything else is a
 * plain loop over the storage arrays. After the first call with a given shape, no operation
 * allocates: the scratch buffers (FastExp's, the row loops', the convolutions' columns, EJML's
 * kernel with a transposed {@code b}) grow once and are reused. The optional kernels are {@link EjmlOptimizerKernels},
 * {@link EjmlGatherKernels}, {@link EjmlBatchNormKernels} and, with the Vector API module, {@link EjmlFusedActivations}.
 */
final class EjmlBackend implements Backend {

    private final String version;
    private final EjmlOptions options;
    private final GemmKernel gemmKernel;
    private final UnaryKernels unaryKernels;
    private final RowLoops rowLoops = new RowLoops();
    private final ChannelLoops channelLoops = new ChannelLoops();
    private final GemmConvolution convolution;
    /** The GEMM settings, which do not change. */
    private final Map<String, String> gemmSettings;
    /** The optional kernels this backend offers ({@link #kernels(Class)}), one instance of each. */
    private final Kernels[] kernels;

    /** A backend whose sigmoid runs on the Vector API when the JVM has the module and it is measured safe. */
    EjmlBackend(String version, EjmlOptions options) {
        this(version, options, SafeVectorSigmoid.shared().orElse(null));
    }

    /** A backend with {@code vectorSigmoid} (null: FastExp only) instead of the JVM's shared one. */
    EjmlBackend(String version, EjmlOptions options, SafeVectorSigmoid vectorSigmoid) {
        this.version = version;
        this.options = options;
        GemmChoice choice = GemmChoice.choose(options);
        this.gemmKernel = choice.kernel();
        this.gemmSettings = choice.settings();
        this.convolution = new GemmConvolution(gemmKernel, GemmConvolution.DEFAULT_COLUMN_BUDGET);
        this.unaryKernels = new UnaryKernels(vectorSigmoid);
        this.kernels = vectorSigmoid != null && vectorSigmoid.possible()
                ? new Kernels[] {new EjmlOptimizerKernels(), new EjmlGatherKernels(),
                    new EjmlBatchNormKernels(channelLoops), new EjmlFusedActivations(rowLoops, unaryKernels)}
                : new Kernels[] {new EjmlOptimizerKernels(), new EjmlGatherKernels(),
                    new EjmlBatchNormKernels(channelLoops)};
    }

    @Override
    public String name() {
        return EjmlBackendProvider.NAME;
    }

    @Override
    public String version() {
        return version;
    }

    /** Built on each call: the {@code activations} entry says which sigmoid runs now (see {@link SafeVectorSigmoid}). */
    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("threads", Integer.toString(options.threads()));
        s.putAll(gemmSettings);
        s.put("activations", unaryKernels.describe());
        s.put("precision", "float32");
        return Collections.unmodifiableMap(s);
    }

    /** The options this backend was created with. */
    EjmlOptions options() {
        return options;
    }

    // ---- creation -------------------------------------------------------------------------

    @Override
    public Tensor zeros(int... shape) {
        return new EjmlTensor(this, new float[EjmlTensor.checkedSize(shape)], shape);
    }

    @Override
    public Tensor fromArray(float[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int size = EjmlTensor.checkedSize(shape);
        if (data.length != size) {
            throw new IllegalArgumentException("fromArray: shape " + Arrays.toString(shape) + " needs " + size
                    + " elements, got an array of " + data.length);
        }
        return new EjmlTensor(this, data.clone(), shape);
    }

    // ---- copying and filling -------------------------------------------------------------

    @Override
    public void copy(Tensor src, Tensor dst) {
        EjmlTensor s = ejml(src, "copy", "src");
        EjmlTensor d = ejml(dst, "copy", "dst");
        sameSize("copy", "src", s, "dst", d);
        System.arraycopy(s.data, 0, d.data, 0, s.data.length);
    }

    @Override
    public void fill(Tensor dst, float value) {
        Arrays.fill(ejml(dst, "fill", "dst").data, value);
    }

    // ---- linear algebra ------------------------------------------------------------------

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a, Tensor b, float beta,
            Tensor c) {
        EjmlTensor ta = ejml(a, "gemm", "a");
        EjmlTensor tb = ejml(b, "gemm", "b");
        EjmlTensor tc = ejml(c, "gemm", "c");
        int m = transposeA ? ta.columns() : ta.rows();
        int k = transposeA ? ta.rows() : ta.columns();
        int kb = transposeB ? tb.columns() : tb.rows();
        int n = transposeB ? tb.rows() : tb.columns();
        if (k != kb) {
            throw new IllegalArgumentException("gemm: op(a) is " + m + "×" + k + " (a " + describe(ta)
                    + (transposeA ? ", transposed" : "") + ") but op(b) is " + kb + "×" + n + " (b "
                    + describe(tb) + (transposeB ? ", transposed" : "") + "); inner dimensions must match");
        }
        if (tc.rows() != m || tc.columns() != n) {
            throw new IllegalArgumentException("gemm: c must be " + m + "×" + n + " (rows of op(a) × columns"
                    + " of op(b)), got " + describe(tc));
        }
        if (tc.data == ta.data || tc.data == tb.data) {
            throw new IllegalArgumentException("gemm: c must not share storage with "
                    + (tc.data == ta.data ? "a" : "b"));
        }
        if (alpha == 0f) {
            // BLAS convention: a and b are not read, so NaN or Inf in them does not leak into c.
            scaleInPlace(beta, tc.data);
            return;
        }
        gemmKernel.gemm(transposeA, transposeB, m, n, k, alpha, ta.data, 0, tb.data, 0, beta, tc.data, 0);
    }

    /** {@code x *= s}, except that {@code s == 0} writes zeros (ignoring NaN and Inf in x). */
    private static void scaleInPlace(float s, float[] x) {
        if (s == 0f) {
            Arrays.fill(x, 0f);
        } else if (s != 1f) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= s;
            }
        }
    }

    @Override
    public void addRowVector(Tensor a, Tensor row, Tensor out) {
        EjmlTensor ta = ejml(a, "addRowVector", "a");
        EjmlTensor tr = ejml(row, "addRowVector", "row");
        EjmlTensor to = ejml(out, "addRowVector", "out");
        rowFits("addRowVector", ta, tr, to);
        rowLoops.addRowVector(ta.data, tr.data, to.data);
    }

    /** Checks that {@code row} has one element per column of {@code a}, and {@code out} a's shape. */
    static void rowFits(String op, EjmlTensor a, EjmlTensor row, EjmlTensor out) {
        if (row.size() != a.columns()) {
            throw new IllegalArgumentException(op + ": row must have " + a.columns()
                    + " elements (columns of a " + describe(a) + "), got " + describe(row));
        }
        sameMatrixShape(op, "a", a, "out", out);
    }

    @Override
    public void sumColumns(Tensor a, float beta, Tensor out) {
        EjmlTensor ta = ejml(a, "sumColumns", "a");
        EjmlTensor to = ejml(out, "sumColumns", "out");
        int cols = ta.columns();
        if (to.size() != cols) {
            throw new IllegalArgumentException("sumColumns: out must have " + cols + " elements (columns of a "
                    + describe(ta) + "), got " + describe(to));
        }
        rowLoops.sumColumns(ta.data, beta, to.data);
    }

    @Override
    public void mulRowVector(Tensor a, Tensor row, Tensor out) {
        EjmlTensor ta = ejml(a, "mulRowVector", "a");
        EjmlTensor tr = ejml(row, "mulRowVector", "row");
        EjmlTensor to = ejml(out, "mulRowVector", "out");
        rowFits("mulRowVector", ta, tr, to);
        rowLoops.mulRowVector(ta.data, tr.data, to.data);
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
        EjmlTensor ta = ejml(a, op, "a");
        EjmlTensor to = ejml(out, op, "out");
        if (to.size() != ta.rows()) {
            throw new IllegalArgumentException(op + ": out must have " + ta.rows() + " elements (rows of a "
                    + describe(ta) + "), got " + describe(to));
        }
        RowLoops.rowSums(ta.data, to.data, mean);
    }

    @Override
    public void columnMeanVariance(Tensor a, Tensor mean, Tensor variance) {
        EjmlTensor ta = ejml(a, "columnMeanVariance", "a");
        EjmlTensor tm = ejml(mean, "columnMeanVariance", "mean");
        EjmlTensor tv = ejml(variance, "columnMeanVariance", "variance");
        int cols = ta.columns();
        if (tm.size() != cols || tv.size() != cols) {
            throw new IllegalArgumentException("columnMeanVariance: mean and variance must have " + cols
                    + " elements (columns of a " + describe(ta) + "), got " + describe(tm) + " and " + describe(tv));
        }
        if (tm.data == tv.data) {
            throw new IllegalArgumentException("columnMeanVariance: mean and variance must be distinct tensors");
        }
        rowLoops.columnMeanVariance(ta.data, tm.data, tv.data);
    }

    // ---- convolution and per-channel ------------------------------------------------------

    @Override
    public void conv2d(Tensor input, Tensor weight, ConvGeometry geometry, Tensor output) {
        EjmlTensor x = ejml(input, "conv2d", "input");
        EjmlTensor w = ejml(weight, "conv2d", "weight");
        EjmlTensor y = ejml(output, "conv2d", "output");
        convFits("conv2d", geometry, x, w, y);
        distinct("conv2d", y, x, w);
        convolution.forward(x.data, x.dims(), w.data, w.dims(), geometry, y.data, y.dims());
    }

    @Override
    public void conv2dBackwardInput(Tensor gradOutput, Tensor weight, ConvGeometry geometry, Tensor gradInput) {
        EjmlTensor dy = ejml(gradOutput, "conv2dBackwardInput", "gradOutput");
        EjmlTensor w = ejml(weight, "conv2dBackwardInput", "weight");
        EjmlTensor dx = ejml(gradInput, "conv2dBackwardInput", "gradInput");
        convFits("conv2dBackwardInput", geometry, dx, w, dy);
        distinct("conv2dBackwardInput", dx, dy, w);
        convolution.backwardInput(dy.data, dy.dims(), w.data, w.dims(), geometry, dx.data, dx.dims());
    }

    @Override
    public void conv2dBackwardWeight(Tensor input, Tensor gradOutput, ConvGeometry geometry, float beta,
            Tensor gradWeight) {
        EjmlTensor x = ejml(input, "conv2dBackwardWeight", "input");
        EjmlTensor dy = ejml(gradOutput, "conv2dBackwardWeight", "gradOutput");
        EjmlTensor dw = ejml(gradWeight, "conv2dBackwardWeight", "gradWeight");
        convFits("conv2dBackwardWeight", geometry, x, dw, dy);
        distinct("conv2dBackwardWeight", dw, x, dy);
        convolution.backwardWeight(x.data, x.dims(), dy.data, dy.dims(), geometry, beta, dw.data, dw.dims());
    }

    /**
     * {@link ConvGeometry#check}, which builds arrays, is called only when a quick test without
     * allocation fails, to throw its message.
     */
    private static void convFits(String op, ConvGeometry g, EjmlTensor x, EjmlTensor w, EjmlTensor y) {
        int[] xs = x.dims();
        int[] ws = w.dims();
        int[] ys = y.dims();
        boolean fits = xs.length == 4 && ws.length == 4 && ys.length == 4 && ws[1] == xs[1]
                && ws[2] == g.kernelHeight() && ws[3] == g.kernelWidth() && ys[0] == xs[0] && ys[1] == ws[0]
                && ys[2] == g.outputHeight(xs[2]) && ys[3] == g.outputWidth(xs[3]) && ys[2] >= 1 && ys[3] >= 1;
        if (!fits) {
            g.check(op, xs, ws, ys);
            throw new IllegalStateException(op + ": shapes " + describe(x) + ", " + describe(w) + ", " + describe(y)
                    + " do not fit " + g + ", though ConvGeometry.check accepts them");
        }
    }

    private static void distinct(String op, EjmlTensor out, EjmlTensor a, EjmlTensor b) {
        if (out.data == a.data || out.data == b.data) {
            throw new IllegalArgumentException(op + ": the output must not share storage with an input");
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

    private void channelOp(String op, Tensor a, Tensor channels, Tensor out, boolean multiply) {
        EjmlTensor ta = ejml(a, op, "a");
        EjmlTensor tv = ejml(channels, op, "channels");
        EjmlTensor to = ejml(out, op, "out");
        int c = channelCount(op, ta);
        if (tv.size() != c) {
            throw new IllegalArgumentException(op + ": channels must have " + c + " elements (dim 1 of a "
                    + describe(ta) + "), got " + describe(tv));
        }
        sameSize(op, null, "a", ta, "out", to);
        channelLoops.apply(ta.data, tv.data, to.data, ta.dim(0), c, ta.size() / (ta.dim(0) * c), multiply);
    }

    @Override
    public void sumChannels(Tensor a, float beta, Tensor out) {
        EjmlTensor ta = ejml(a, "sumChannels", "a");
        EjmlTensor to = ejml(out, "sumChannels", "out");
        int c = channelCount("sumChannels", ta);
        if (to.size() != c) {
            throw new IllegalArgumentException("sumChannels: out must have " + c + " elements (dim 1 of a "
                    + describe(ta) + "), got " + describe(to));
        }
        channelLoops.sum(ta.data, beta, to.data, ta.dim(0), c, ta.size() / (ta.dim(0) * c));
    }

    @Override
    public void channelMeanVariance(Tensor a, Tensor mean, Tensor variance) {
        EjmlTensor ta = ejml(a, "channelMeanVariance", "a");
        EjmlTensor tm = ejml(mean, "channelMeanVariance", "mean");
        EjmlTensor tv = ejml(variance, "channelMeanVariance", "variance");
        int c = channelCount("channelMeanVariance", ta);
        if (tm.size() != c || tv.size() != c) {
            throw new IllegalArgumentException("channelMeanVariance: mean and variance must have " + c
                    + " elements (dim 1 of a " + describe(ta) + "), got " + describe(tm) + " and " + describe(tv));
        }
        if (tm.data == tv.data) {
            throw new IllegalArgumentException("channelMeanVariance: mean and variance must be distinct tensors");
        }
        channelLoops.meanVariance(ta.data, tm.data, tv.data, ta.dim(0), c, ta.size() / (ta.dim(0) * c));
    }

    static int channelCount(String op, EjmlTensor a) {
        if (a.rank() < 2) {
            throw new IllegalArgumentException(op + ": needs a tensor of rank 2 or more ([N, C, ...]), got "
                    + describe(a));
        }
        return a.dim(1);
    }

    @Override
    public double sum(Tensor a) {
        float[] x = ejml(a, "sum", "a").data;
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s;
    }

    // ---- element-wise ---------------------------------------------------------------------

    @Override
    public void unary(UnaryOp op, float p, Tensor a, Tensor out) {
        Objects.requireNonNull(op, "op");
        EjmlTensor ta = ejml(a, "unary", "a");
        EjmlTensor to = ejml(out, "unary", "out");
        sameSize("unary", op, "a", ta, "out", to);
        unaryKernels.apply(op, p, ta.data, to.data);
    }

    @Override
    public void unaryBackward(UnaryOp op, float p, Tensor x, Tensor y, Tensor gradOut, Tensor gradIn) {
        Objects.requireNonNull(op, "op");
        // the op goes into messages only when one is thrown: no string is built per call
        String where = "unaryBackward";
        EjmlTensor tx = ejml(x, where, "x");
        EjmlTensor ty = ejml(y, where, "y");
        EjmlTensor tg = ejml(gradOut, where, "gradOut");
        EjmlTensor ti = ejml(gradIn, where, "gradIn");
        sameSize(where, op, "x", tx, "y", ty);
        sameSize(where, op, "x", tx, "gradOut", tg);
        sameSize(where, op, "x", tx, "gradIn", ti);
        UnaryKernels.backward(op, p, tx.data, ty.data, tg.data, ti.data);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Objects.requireNonNull(op, "op");
        String where = "binary";
        EjmlTensor ta = ejml(a, where, "a");
        EjmlTensor tb = ejml(b, where, "b");
        EjmlTensor to = ejml(out, where, "out");
        sameSize(where, op, "a", ta, "b", tb);
        sameSize(where, op, "a", ta, "out", to);
        float[] x = ta.data;
        float[] y = tb.data;
        float[] z = to.data;
        int n = x.length;
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    z[i] = x[i] + y[i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    z[i] = x[i] - y[i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    z[i] = x[i] * y[i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    z[i] = x[i] / y[i];
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    z[i] = Math.max(x[i], y[i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    z[i] = Math.min(x[i], y[i]);
                }
            }
            default -> throw new IllegalArgumentException("unsupported binary op " + op);
        }
    }

    @Override
    public void axpby(float alpha, Tensor a, float beta, Tensor b, Tensor out) {
        EjmlTensor ta = ejml(a, "axpby", "a");
        EjmlTensor tb = ejml(b, "axpby", "b");
        EjmlTensor to = ejml(out, "axpby", "out");
        sameSize("axpby", "a", ta, "b", tb);
        sameSize("axpby", "a", ta, "out", to);
        float[] x = ta.data;
        float[] y = tb.data;
        float[] z = to.data;
        for (int i = 0; i < x.length; i++) {
            z[i] = alpha * x[i] + beta * y[i];
        }
    }

    @Override
    public void affine(float scale, float shift, Tensor a, Tensor out) {
        EjmlTensor ta = ejml(a, "affine", "a");
        EjmlTensor to = ejml(out, "affine", "out");
        sameSize("affine", "a", ta, "out", to);
        float[] x = ta.data;
        float[] z = to.data;
        for (int i = 0; i < x.length; i++) {
            z[i] = scale * x[i] + shift;
        }
    }

    @Override
    public void clip(float lo, float hi, Tensor a, Tensor out) {
        EjmlTensor ta = ejml(a, "clip", "a");
        EjmlTensor to = ejml(out, "clip", "out");
        sameSize("clip", "a", ta, "out", to);
        float[] x = ta.data;
        float[] z = to.data;
        for (int i = 0; i < x.length; i++) {
            z[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    // ---- optional kernels ------------------------------------------------------------------

    /**
     * One pass for the optimiser updates ({@link EjmlOptimizerKernels}), the mixed-batch gather
     * ({@link EjmlGatherKernels}) and batch norm's per-channel steps ({@link EjmlBatchNormKernels}),
     * each faster than its plain composition, and with the Vector API
     * module a dense layer's bias and sigmoid ({@link EjmlFusedActivations}). Without the module
     * no fused activations: a one-pass bias and FastExp sigmoid/tanh in Java (the bias added block
     * by block while in L1) measured no faster than the two passes on the tutorial's workload
     * ({@code gan bench seed}: 20.8 against 20.8 ms of CPU per iteration, three interleaved runs
     * each; 23.3 against 23.3 on a busy machine), so callers compose them.
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

    // ---- rows and columns -----------------------------------------------------------------

    @Override
    public void gatherRows(Tensor a, int[] indices, int offset, Tensor out) {
        EjmlTensor ta = ejml(a, "gatherRows", "a");
        EjmlTensor to = ejml(out, "gatherRows", "out");
        Objects.requireNonNull(indices, "indices");
        sameColumns("gatherRows", "a", ta, "out", to);
        int count = to.rows();
        indexWindow("gatherRows", indices, offset, count);
        if (ta.data == to.data) {
            throw new IllegalArgumentException("gatherRows: out must not share storage with a");
        }
        int cols = ta.columns();
        int rows = ta.rows();
        // Validate every index before copying so a bad one leaves out untouched.
        for (int k = 0; k < count; k++) {
            int row = indices[offset + k];
            if (row < 0 || row >= rows) {
                throw new IllegalArgumentException("gatherRows: indices[" + (offset + k) + "] = " + row
                        + " is not a row of a " + describe(ta));
            }
        }
        for (int k = 0; k < count; k++) {
            System.arraycopy(ta.data, indices[offset + k] * cols, to.data, k * cols, cols);
        }
    }

    /** Checks that {@code indices[offset .. offset + count)} exists: one index per row of out. */
    static void indexWindow(String op, int[] indices, int offset, int count) {
        if (offset < 0 || offset > indices.length - count) {
            throw new IllegalArgumentException(op + ": out has " + count + " rows, so indices[" + offset + " .. "
                    + ((long) offset + count) + ") are needed, but there are " + indices.length + " indices");
        }
    }

    @Override
    public void sliceRows(Tensor a, int from, Tensor out) {
        EjmlTensor ta = ejml(a, "sliceRows", "a");
        EjmlTensor to = ejml(out, "sliceRows", "out");
        sameColumns("sliceRows", "a", ta, "out", to);
        if (from < 0 || from > ta.rows() - to.rows()) {
            throw new IllegalArgumentException("sliceRows: rows [" + from + ", " + ((long) from + to.rows())
                    + ") are not within the " + ta.rows() + " rows of a " + describe(ta));
        }
        System.arraycopy(ta.data, from * ta.columns(), to.data, 0, to.data.length);
    }

    @Override
    public void concatRows(Tensor top, Tensor bottom, Tensor out) {
        EjmlTensor tt = ejml(top, "concatRows", "top");
        EjmlTensor tb = ejml(bottom, "concatRows", "bottom");
        EjmlTensor to = ejml(out, "concatRows", "out");
        sameColumns("concatRows", "top", tt, "bottom", tb);
        if (to.columns() != tt.columns() || to.rows() != tt.rows() + tb.rows()) {
            throw new IllegalArgumentException("concatRows: out must be " + (tt.rows() + tb.rows()) + "×"
                    + tt.columns() + " (top " + describe(tt) + " above bottom " + describe(tb) + "), got "
                    + describe(to));
        }
        System.arraycopy(tt.data, 0, to.data, 0, tt.data.length);
        System.arraycopy(tb.data, 0, to.data, tt.data.length, tb.data.length);
    }

    @Override
    public void concatColumns(Tensor left, Tensor right, Tensor out) {
        EjmlTensor tl = ejml(left, "concatColumns", "left");
        EjmlTensor tr = ejml(right, "concatColumns", "right");
        EjmlTensor to = ejml(out, "concatColumns", "out");
        if (tl.rows() != tr.rows()) {
            throw new IllegalArgumentException("concatColumns: left " + describe(tl) + " and right "
                    + describe(tr) + " must have the same number of rows");
        }
        int lc = tl.columns();
        int rc = tr.columns();
        int oc = lc + rc;
        if (to.rows() != tl.rows() || to.columns() != oc) {
            throw new IllegalArgumentException("concatColumns: out must be " + tl.rows() + "×" + oc + " (left "
                    + describe(tl) + " beside right " + describe(tr) + "), got " + describe(to));
        }
        for (int i = 0; i < tl.rows(); i++) {
            System.arraycopy(tl.data, i * lc, to.data, i * oc, lc);
            System.arraycopy(tr.data, i * rc, to.data, i * oc + lc, rc);
        }
    }

    @Override
    public void sliceColumns(Tensor a, int from, Tensor out) {
        EjmlTensor ta = ejml(a, "sliceColumns", "a");
        EjmlTensor to = ejml(out, "sliceColumns", "out");
        if (to.rows() != ta.rows()) {
            throw new IllegalArgumentException("sliceColumns: out " + describe(to) + " must have the "
                    + ta.rows() + " rows of a " + describe(ta));
        }
        int ac = ta.columns();
        int oc = to.columns();
        if (from < 0 || from > ac - oc) {
            throw new IllegalArgumentException("sliceColumns: columns [" + from + ", " + ((long) from + oc)
                    + ") are not within the " + ac + " columns of a " + describe(ta));
        }
        for (int i = 0; i < ta.rows(); i++) {
            System.arraycopy(ta.data, i * ac + from, to.data, i * oc, oc);
        }
    }

    @Override
    public String toString() {
        return "ejml " + version + " " + settings();
    }

    // ---- checks ---------------------------------------------------------------------------

    /** The tensor as an EJML tensor, or an error naming the operation and argument. */
    static EjmlTensor ejml(Tensor t, String op, String arg) {
        if (t instanceof EjmlTensor e) {
            return e;
        }
        if (t == null) {
            throw new NullPointerException(op + ": " + arg + " is null");
        }
        throw new IllegalArgumentException(op + ": " + arg + " is a " + t.getClass().getName()
                + " from backend '" + t.backend().name() + "', not an ejml tensor");
    }

    /** {@code [2, 3]}, plus the matrix view when it is not obvious from the shape. */
    static String describe(EjmlTensor t) {
        String s = Arrays.toString(t.shape());
        return t.rank() == 2 ? s : s + " (" + t.rows() + "×" + t.columns() + ")";
    }

    static void sameSize(String op, String na, EjmlTensor a, String nb, EjmlTensor b) {
        sameSize(op, null, na, a, nb, b);
    }

    /** As above, with {@code detail} (e.g. the unary op) added to the operation's name in the message. */
    static void sameSize(String op, Object detail, String na, EjmlTensor a, String nb, EjmlTensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(op + (detail == null ? "" : " " + detail) + ": " + nb
                    + " must have the " + a.size() + " elements of " + na + " " + describe(a) + ", got "
                    + describe(b) + " with " + b.size());
        }
    }

    /**
     * The fused updates read and write several arrays per element: they must not overlap.
     * Four fixed arguments ({@code d} may be null) rather than varargs, which would allocate an
     * array on every optimiser step.
     */
    static void distinct(String op, EjmlTensor a, EjmlTensor b, EjmlTensor c, EjmlTensor d) {
        float[] da = a.data;
        float[] db = b.data;
        float[] dc = c.data;
        float[] dd = d == null ? null : d.data;
        if (da == db || da == dc || db == dc || (dd != null && (dd == da || dd == db || dd == dc))) {
            throw new IllegalArgumentException(op + ": its tensors must be distinct, but two of them share storage");
        }
    }

    static void sameMatrixShape(String op, String na, EjmlTensor a, String nb, EjmlTensor b) {
        if (a.rows() != b.rows() || a.columns() != b.columns()) {
            throw new IllegalArgumentException(op + ": " + nb + " must be " + a.rows() + "×" + a.columns()
                    + " like " + na + " " + describe(a) + ", got " + describe(b));
        }
    }

    static void sameColumns(String op, String na, EjmlTensor a, String nb, EjmlTensor b) {
        if (a.columns() != b.columns()) {
            throw new IllegalArgumentException(op + ": " + nb + " " + describe(b) + " must have the "
                    + a.columns() + " columns of " + na + " " + describe(a));
        }
    }
}
