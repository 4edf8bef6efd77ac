package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Arrays;
import java.util.Map;

/**
 * A backend of tensors with shapes and no values, for planning a model: layers are built and run
 * on it exactly as on a real backend, every operation checks the shapes it is given (so a layer
 * that does not fit its input fails here, before anything large exists), and every tensor made
 * with {@link #zeros} or {@link #fromArray} is counted, which is how {@link LayerPlan#measure}
 * learns what a layer keeps. Values read back are zeros; it offers no kernels.
 */
final class ShapeBackend implements Backend {

    /** Values of the tensors made with {@link #zeros} or {@link #fromArray} so far. */
    private long allocated;

    @Override
    public String name() {
        return "shapes";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of();
    }

    /** Values of every counted tensor made so far. */
    long allocated() {
        return allocated;
    }

    /** A tensor that is not counted: the input or output gradient a caller supplies. */
    Tensor uncounted(int... shape) {
        return new ShapeTensor(this, shape.clone());
    }

    @Override
    public Tensor zeros(int... shape) {
        ShapeTensor t = new ShapeTensor(this, shape.clone());
        allocated += t.size;
        return t;
    }

    @Override
    public Tensor fromArray(float[] data, int... shape) {
        Tensor t = zeros(shape);
        if (data.length != t.size()) {
            throw new IllegalArgumentException("fromArray: " + data.length + " values for shape "
                    + Arrays.toString(shape));
        }
        return t;
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        sameSize("copy", src, dst);
    }

    @Override
    public void fill(Tensor dst, float value) {
        check(dst);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        int m = transposeA ? check(a).columns() : a.rows();
        int k = transposeA ? a.rows() : a.columns();
        int kb = transposeB ? check(b).columns() : b.rows();
        int n = transposeB ? b.rows() : b.columns();
        if (k != kb || check(c).rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("gemm: " + describe(a) + (transposeA ? "ᵀ" : "") + " · " + describe(b)
                    + (transposeB ? "ᵀ" : "") + " into " + describe(c));
        }
    }

    @Override
    public void addRowVector(Tensor a, Tensor row, Tensor out) {
        rowVector("addRowVector", a, row, out);
    }

    @Override
    public void mulRowVector(Tensor a, Tensor row, Tensor out) {
        rowVector("mulRowVector", a, row, out);
    }

    @Override
    public void sumColumns(Tensor a, float beta, Tensor out) {
        length("sumColumns", check(out), check(a).columns());
    }

    @Override
    public double sum(Tensor a) {
        check(a);
        return 0;
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        length("sumRows", check(out), check(a).rows());
    }

    @Override
    public void meanRows(Tensor a, Tensor out) {
        length("meanRows", check(out), check(a).rows());
    }

    @Override
    public void columnMeanVariance(Tensor a, Tensor mean, Tensor variance) {
        length("columnMeanVariance", check(mean), check(a).columns());
        length("columnMeanVariance", check(variance), a.columns());
    }

    @Override
    public void conv2d(Tensor input, Tensor weight, ConvGeometry geometry, Tensor output) {
        geometry.check("conv2d", check(input).shape(), check(weight).shape(), check(output).shape());
    }

    @Override
    public void conv2dBackwardInput(Tensor gradOutput, Tensor weight, ConvGeometry geometry, Tensor gradInput) {
        geometry.check("conv2dBackwardInput", check(gradInput).shape(), check(weight).shape(),
                check(gradOutput).shape());
    }

    @Override
    public void conv2dBackwardWeight(Tensor input, Tensor gradOutput, ConvGeometry geometry, float beta,
            Tensor gradWeight) {
        geometry.check("conv2dBackwardWeight", check(input).shape(), check(gradWeight).shape(),
                check(gradOutput).shape());
    }

    @Override
    public void addChannels(Tensor a, Tensor channels, Tensor out) {
        length("addChannels", check(channels), channels("addChannels", a));
        sameSize("addChannels", a, out);
    }

    @Override
    public void mulChannels(Tensor a, Tensor channels, Tensor out) {
        length("mulChannels", check(channels), channels("mulChannels", a));
        sameSize("mulChannels", a, out);
    }

    @Override
    public void sumChannels(Tensor a, float beta, Tensor out) {
        length("sumChannels", check(out), channels("sumChannels", a));
    }

    @Override
    public void channelMeanVariance(Tensor a, Tensor mean, Tensor variance) {
        int c = channels("channelMeanVariance", a);
        length("channelMeanVariance", check(mean), c);
        length("channelMeanVariance", check(variance), c);
        if (mean == variance) {
            throw new IllegalArgumentException("channelMeanVariance: mean and variance must be distinct tensors");
        }
    }

    /** The channel count {@code dim(1)} of a tensor of rank 2 or more. */
    private int channels(String op, Tensor a) {
        if (check(a).rank() < 2) {
            throw new IllegalArgumentException(op + ": needs a tensor of rank 2 or more ([N, C, ...]), got " + describe(a));
        }
        return a.dim(1);
    }

    @Override
    public void unary(UnaryOp op, float p, Tensor a, Tensor out) {
        sameSize("unary", a, out);
    }

    @Override
    public void unaryBackward(UnaryOp op, float p, Tensor x, Tensor y, Tensor gradOut, Tensor gradIn) {
        sameSize("unaryBackward", x, y);
        sameSize("unaryBackward", x, gradOut);
        sameSize("unaryBackward", x, gradIn);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        sameSize("binary", a, b);
        sameSize("binary", a, out);
    }

    @Override
    public void axpby(float alpha, Tensor a, float beta, Tensor b, Tensor out) {
        sameSize("axpby", a, b);
        sameSize("axpby", a, out);
    }

    @Override
    public void affine(float scale, float shift, Tensor a, Tensor out) {
        sameSize("affine", a, out);
    }

    @Override
    public void clip(float lo, float hi, Tensor a, Tensor out) {
        sameSize("clip", a, out);
    }

    @Override
    public void gatherRows(Tensor a, int[] indices, int offset, Tensor out) {
        if (check(a).columns() != check(out).columns() || offset < 0 || offset + out.rows() > indices.length) {
            throw new IllegalArgumentException("gatherRows: " + out.rows() + " rows from index " + offset + " of "
                    + indices.length + ", " + describe(a) + " into " + describe(out));
        }
    }

    @Override
    public void sliceRows(Tensor a, int from, Tensor out) {
        if (check(a).columns() != check(out).columns() || from < 0 || from + out.rows() > a.rows()) {
            throw new IllegalArgumentException("sliceRows: from row " + from + " of " + describe(a) + " into "
                    + describe(out));
        }
    }

    @Override
    public void concatRows(Tensor top, Tensor bottom, Tensor out) {
        if (check(top).columns() != check(bottom).columns() || check(out).columns() != top.columns()
                || out.rows() != top.rows() + bottom.rows()) {
            throw new IllegalArgumentException("concatRows: " + describe(top) + " over " + describe(bottom) + " into "
                    + describe(out));
        }
    }

    @Override
    public void concatColumns(Tensor left, Tensor right, Tensor out) {
        if (check(left).rows() != check(right).rows() || check(out).rows() != left.rows()
                || out.columns() != left.columns() + right.columns()) {
            throw new IllegalArgumentException("concatColumns: " + describe(left) + " beside " + describe(right)
                    + " into " + describe(out));
        }
    }

    @Override
    public void sliceColumns(Tensor a, int from, Tensor out) {
        if (check(a).rows() != check(out).rows() || from < 0 || from + out.columns() > a.columns()) {
            throw new IllegalArgumentException("sliceColumns: from column " + from + " of " + describe(a) + " into "
                    + describe(out));
        }
    }

    private Tensor check(Tensor t) {
        if (!(t instanceof ShapeTensor s) || s.backend != this) {
            throw new IllegalArgumentException("a tensor of another backend: " + t);
        }
        return t;
    }

    private void sameSize(String op, Tensor a, Tensor b) {
        if (check(a).size() != check(b).size()) {
            throw new IllegalArgumentException(op + ": " + describe(a) + " and " + describe(b) + " differ in size");
        }
    }

    private void rowVector(String op, Tensor a, Tensor row, Tensor out) {
        length(op, check(row), check(a).columns());
        sameSize(op, a, out);
    }

    private static void length(String op, Tensor t, int expected) {
        if (t.size() != expected) {
            throw new IllegalArgumentException(op + ": expected " + expected + " values, got " + describe(t));
        }
    }

    private static String describe(Tensor t) {
        return Arrays.toString(t.shape());
    }

    /** Shape without storage. */
    private static final class ShapeTensor implements Tensor {
        final ShapeBackend backend;
        final int[] shape;
        final int size;

        ShapeTensor(ShapeBackend backend, int[] shape) {
            this.backend = backend;
            this.shape = shape;
            this.size = Shapes.size(shape);
            if (shape.length == 0) {
                throw new IllegalArgumentException("a tensor needs at least one dimension");
            }
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public int rank() {
            return shape.length;
        }

        @Override
        public int dim(int axis) {
            return shape[axis];
        }

        @Override
        public int rows() {
            return shape.length == 1 ? 1 : shape[0];
        }

        @Override
        public int columns() {
            return shape.length == 1 ? shape[0] : size / shape[0];
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Backend backend() {
            return backend;
        }

        @Override
        public float[] toArray() {
            return new float[size];
        }

        @Override
        public void toArray(float[] dst) {
            if (dst.length < size) {
                throw new IllegalArgumentException("toArray: " + dst.length + " values for " + size);
            }
            Arrays.fill(dst, 0, size, 0f);
        }

        @Override
        public void copyFrom(float[] src) {
            if (src.length < size) {
                throw new IllegalArgumentException("copyFrom: " + src.length + " values for " + size);
            }
        }

        @Override
        public float getFlat(int index) {
            return 0f;
        }

        @Override
        public Tensor reshape(int... newShape) {
            ShapeTensor t = new ShapeTensor(backend, newShape.clone());
            if (t.size != size) {
                throw new IllegalArgumentException("reshape: " + Arrays.toString(shape) + " to "
                        + Arrays.toString(newShape));
            }
            return t;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException("a planning tensor has no storage to unwrap as " + type.getName());
        }

        @Override
        public String toString() {
            return "ShapeTensor" + Arrays.toString(shape);
        }
    }
}
