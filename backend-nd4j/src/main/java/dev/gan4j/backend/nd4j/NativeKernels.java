package dev.gan4j.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_scopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sger;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sscal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The native calls: ND4J start-up and thread settings, OpenBLAS's {@code sgemm} and ND4J's
 * element-wise transform loops.
 *
 * <p>Both kinds of call go straight to the native function with handles the tensors cached, not
 * through {@code Nd4j.gemm}/{@code Nd4j.exec}: those build an op object, check data types and
 * shapes and allocate 0.3–4 KB per call, which measured 7–25 µs of overhead against 0.3–0.6 µs
 * for the direct call, and the GAN's tensors are small enough for that to matter.
 */
final class NativeKernels {

    /** ND4J's system property that turns its start-up log lines on or off. */
    static final String LOG_INITIALIZATION = "org.nd4j.log.initialization";

    private final NativeOps ops;
    private final int sigmoidOp;
    private final int tanhOp;
    private final int expOp;
    private final int logOp;
    private final Map<String, String> settings;
    // One cursor per gemm operand (the backend is not thread-safe, so neither are these).
    private final FloatCursor cursorA = new FloatCursor();
    private final FloatCursor cursorB = new FloatCursor();
    private final FloatCursor cursorC = new FloatCursor();

    private NativeKernels(NativeOps ops, Map<String, String> settings) {
        this.ops = ops;
        // Legacy op numbers come from ND4J's own op classes so that they follow the library.
        this.sigmoidOp = new Sigmoid().opNum();
        this.tanhOp = new Tanh().opNum();
        this.expOp = new Exp().opNum();
        this.logOp = new Log().opNum();
        this.settings = settings;
    }

    /**
     * Loads ND4J (its native libraries on first use in the JVM), sets {@code threads} OpenMP and
     * OpenBLAS threads and turns off ND4J's debug, verbose, profiling and periodic-GC modes.
     *
     * @throws IllegalStateException if the native code cannot be loaded, naming the root cause
     */
    static NativeKernels start(int threads) {
        // ND4J logs a dozen INFO lines about its build and threads while it starts; this is its own
        // switch for them (a user who wants them sets the property to true).
        if (System.getProperty(LOG_INITIALIZATION) == null) {
            System.setProperty(LOG_INITIALIZATION, "false");
        }
        try {
            Environment environment = Nd4j.getEnvironment(); // loads the backend and its natives
            NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            ops.setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
            environment.setMaxMasterThreads(threads);
            environment.setMaxThreads(threads);
            environment.setDebug(false);
            environment.setVerbose(false);
            environment.setProfiling(false);
            environment.setLeaksDetector(false);
            OpExecutioner executioner = Nd4j.getExecutioner();
            executioner.enableDebugMode(false);
            executioner.enableVerboseMode(false);
            executioner.setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
            // ND4J otherwise calls System.gc() from its op executioner every few seconds.
            Nd4j.getMemoryManager().togglePeriodicGc(false);

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("threads", Integer.toString(threads));
            settings.put("omp.threads", Integer.toString(ops.ompGetMaxThreads()));
            settings.put("blas.threads", Integer.toString(Nd4j.factory().blas().getMaxThreads()));
            settings.put("blas.vendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
            settings.put("nd4j.maxThreads", Integer.toString(environment.maxThreads()));
            settings.put("nd4j.maxMasterThreads", Integer.toString(environment.maxMasterThreads()));
            settings.put("nd4j.periodicGc", Boolean.toString(Nd4j.getMemoryManager().isPeriodicGcActive()));
            settings.put("gemm", "cblas_sgemm (OpenBLAS bundled with ND4J)");
            settings.put("convolution", "libnd4j conv2d; im2col/col2im and cblas_sgemm per image for the gradients");
            settings.put("elementwise", "native loops for sigmoid/tanh/exp/log; OpenBLAS for large axpby,"
                    + " addRowVector and sumColumns; Java loops on native memory otherwise");
            return new NativeKernels(ops, Map.copyOf(settings));
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("backend nd4j could not load ND4J's native code: "
                    + rootCause(e), e);
        }
    }

    /** The settings in force, for provenance. */
    Map<String, String> settings() {
        return settings;
    }

    /**
     * {@code c = alpha·op(a)·op(b) + beta·c} for row-major matrices; the caller has checked the
     * shapes ({@code op(a)} is m×k, {@code op(b)} is k×n, {@code c} is m×n).
     */
    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha,
            Nd4jTensor a, Nd4jTensor b, float beta, Nd4jTensor c) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans, m, n, k, alpha, a.pointer, a.columns(),
                b.pointer, b.columns(), beta, c.pointer, n);
    }

    /**
     * The same product on sub-matrices: {@code a}, {@code b} and {@code c} start at the given
     * element offsets into the tensors' storage, with the given leading dimensions (row strides).
     * The caller has checked that each stays inside its tensor.
     */
    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha,
            Nd4jTensor a, long aOffset, int lda, Nd4jTensor b, long bOffset, int ldb, float beta,
            Nd4jTensor c, long cOffset, int ldc) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans, m, n, k, alpha, cursorA.at(a.pointer, aOffset), lda,
                cursorB.at(b.pointer, bOffset), ldb, beta, cursorC.at(c.pointer, cOffset), ldc);
    }

    /**
     * A pointer that is moved onto a tensor's storage at an offset rather than created per call
     * (a new {@code FloatPointer} per sub-matrix would be garbage); it owns no memory, so it has no
     * deallocator. JavaCPP passes {@code address + position} to native code.
     */
    private static final class FloatCursor extends FloatPointer {

        FloatCursor at(FloatPointer base, long offset) {
            address = base.address();
            position = base.position() + offset;
            limit = base.limit();
            capacity = base.capacity();
            return this;
        }
    }

    /**
     * {@code out = alpha·a + beta·b} with OpenBLAS's vectorised level-1 kernels (about twice as
     * fast as a Java loop from ~10⁴ elements). Requires {@code alpha ≠ 0}, {@code beta ≠ 0} (BLAS
     * scaling by zero would drop NaN where {@code 0·NaN} must stay NaN) and {@code a} not sharing
     * storage with {@code b}; the caller checks that.
     */
    void axpby(float alpha, Nd4jTensor a, float beta, Nd4jTensor b, Nd4jTensor out) {
        int n = out.size();
        if (out.sharesStorageWith(b)) {
            cblas_sscal(n, beta, out.pointer, 1);
            cblas_saxpy(n, alpha, a.pointer, 1, out.pointer, 1);
        } else if (out.sharesStorageWith(a)) {
            cblas_sscal(n, alpha, out.pointer, 1);
            cblas_saxpy(n, beta, b.pointer, 1, out.pointer, 1);
        } else {
            cblas_scopy(n, b.pointer, 1, out.pointer, 1);
            cblas_sscal(n, beta, out.pointer, 1);
            cblas_saxpy(n, alpha, a.pointer, 1, out.pointer, 1);
        }
    }

    /**
     * {@code out[i,j] = a[i,j] + row[j]} as a copy and one rank-1 update {@code out += ones·rowᵀ};
     * {@code ones} holds at least {@code a.rows()} ones.
     */
    void addRowVector(Nd4jTensor a, Nd4jTensor row, Nd4jTensor out, Nd4jTensor ones) {
        if (!out.sharesStorageWith(a)) {
            cblas_scopy(a.size(), a.pointer, 1, out.pointer, 1);
        }
        cblas_sger(CblasRowMajor, a.rows(), a.columns(), 1f, ones.pointer, 1, row.pointer, 1, out.pointer,
                a.columns());
    }

    /**
     * {@code out = aᵀ·ones + beta·out}, i.e. column sums, as one matrix-vector product; BLAS
     * overwrites {@code out} when {@code beta == 0}. {@code ones} holds at least {@code a.rows()}
     * ones.
     */
    void sumColumns(Nd4jTensor a, float beta, Nd4jTensor out, Nd4jTensor ones) {
        cblas_sgemv(CblasRowMajor, CblasTrans, a.rows(), a.columns(), 1f, a.pointer, a.columns(),
                ones.pointer, 1, beta, out.pointer, 1);
    }

    void sigmoid(Nd4jTensor a, Nd4jTensor out) {
        transformStrict(sigmoidOp, a, out);
    }

    void tanh(Nd4jTensor a, Nd4jTensor out) {
        transformStrict(tanhOp, a, out);
    }

    void exp(Nd4jTensor a, Nd4jTensor out) {
        transformStrict(expOp, a, out);
    }

    void log(Nd4jTensor a, Nd4jTensor out) {
        transformStrict(logOp, a, out);
    }

    private void transformStrict(int opNum, Nd4jTensor a, Nd4jTensor out) {
        // Both sides are described as rank-1 arrays of the same length, so any two shapes of one
        // size work and the loop takes its contiguous fast path.
        ops.execTransformStrict(null, opNum, a.opaque, a.flatShapeInfo, null, out.opaque,
                out.flatShapeInfo, null, null);
        if (ops.lastErrorCode() != 0) {
            throw new IllegalStateException("ND4J transform op " + opNum + " failed: " + ops.lastErrorMessage());
        }
    }

    /**
     * Checks the op numbers and call conventions on four values, so that an ND4J upgrade that
     * renumbers its legacy ops fails at start-up instead of computing the wrong function.
     */
    void selfTest(Nd4jBackend backend) {
        float[] x = {-1f, 0f, 0.5f, 2f};
        Nd4jTensor in = (Nd4jTensor) backend.fromArray(x, x.length);
        Nd4jTensor out = (Nd4jTensor) backend.zeros(x.length);
        check("sigmoid", in, out, this::sigmoid, v -> 1.0 / (1.0 + Math.exp(-v)));
        check("tanh", in, out, this::tanh, Math::tanh);
        check("exp", in, out, this::exp, Math::exp);
        float[] positive = {0.25f, 1f, 2f, 10f};
        in.copyFrom(positive);
        check("log", in, out, this::log, Math::log);
    }

    private interface Kernel {
        void apply(Nd4jTensor a, Nd4jTensor out);
    }

    private static void check(String name, Nd4jTensor in, Nd4jTensor out, Kernel kernel,
            java.util.function.DoubleUnaryOperator reference) {
        kernel.apply(in, out);
        for (int i = 0; i < in.size(); i++) {
            double expected = reference.applyAsDouble(in.getFlat(i));
            double actual = out.getFlat(i);
            if (!(Math.abs(actual - expected) <= 1e-5 * Math.max(1.0, Math.abs(expected)))) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "ND4J's native %s gave %s for %s, expected %s: unsupported ND4J version?",
                        name, actual, in.getFlat(i), expected));
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
