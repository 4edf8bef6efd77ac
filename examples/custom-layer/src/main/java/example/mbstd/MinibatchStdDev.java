package example.mbstd;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.List;

/**
 * Minibatch standard deviation on {@code [N, F]} features: {@code y = [x, s]}, where for sample
 * {@code n} in group {@code m}, {@code s = mean_f sqrt(var_m(x[·, f]) + ε)} with the variance
 * (divided by the group size) over the group's samples. As in ProGAN, the {@code G} groups' members
 * are strided: sample {@code n} is in group {@code n mod (N / G)}, so viewing the batch as
 * {@code [G, (N / G)·F]} puts each group's statistics in one column, and the whole layer is a few
 * backend operations with no host round trip.
 *
 * <p>Backward: the group mean's term vanishes ({@code Σ (x − μ) = 0}), leaving
 * {@code dx = dy[:, :F] + (Σ_{n ∈ m} dy[n, F]) · (x − μ) / (G · F · sd)}.
 *
 * <p>No parameters. Tensors are made per batch size in the cache, so steps allocate nothing.
 */
final class MinibatchStdDev implements Layer {

    /** ProGAN's: keeps the square root's derivative finite when a group's samples are equal. */
    static final float EPSILON = 1e-8f;

    private final Backend backend;
    private final int features;
    private final int groupSize;

    MinibatchStdDev(Backend backend, int features, int groupSize) {
        this.backend = backend;
        this.features = features;
        this.groupSize = groupSize;
    }

    @Override
    public int[] inputShape() {
        return new int[] {features};
    }

    @Override
    public int[] outputShape() {
        return new int[] {features + 1};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Cache c = ((Cache) cache).forRows(input.rows());
        backend.copy(input, c.x);
        backend.columnMeanVariance(c.xByGroup, c.mean, c.sd);
        backend.affine(1f, EPSILON, c.sd, c.sd);
        backend.unary(UnaryOp.SQRT, 0f, c.sd, c.sd);
        backend.meanRows(c.sdByGroup, c.statistic);
        // every member of group m gets statistic[m]: its feature is column m of the [G, M] view
        backend.addRowVector(c.zeros, c.statistic, c.appendedByGroup);
        backend.concatColumns(input, c.appended, c.output);
        return c.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        // d statistic[m] = Σ over group m of dy[n, F]
        backend.sliceColumns(gradOutput, features, c.gradAppended);
        backend.sumColumns(c.gradAppendedByGroup, 0f, c.gradStatistic);
        // per (group, feature): d statistic / (G · F · sd), an outer product with ones
        backend.gemm(false, false, 1f / (c.group * features), c.gradStatisticColumn, c.ones, 0f, c.scale);
        backend.binary(BinaryOp.DIV, c.scale, c.sdByGroup, c.scale);
        backend.affine(-1f, 0f, c.mean, c.negativeMean);
        backend.addRowVector(c.xByGroup, c.negativeMean, c.centeredByGroup);
        backend.mulRowVector(c.centeredByGroup, c.scaleRow, c.centeredByGroup);
        backend.sliceColumns(gradOutput, 0, c.gradInput);
        backend.axpby(1f, c.gradInput, 1f, c.centered, c.gradInput);
        return c.gradInput;
    }

    /** No parameters, so no parameter gradient to deliver. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
    }

    @Override
    public String toString() {
        return "MinibatchStdDev[" + features + " features, groupSize " + groupSize + "]";
    }

    /** One call site's tensors for one batch size, with the views the operations above need. */
    private final class Cache implements LayerCache {
        int rows = -1;
        int group;
        Tensor x;
        Tensor xByGroup;
        Tensor mean;
        Tensor sd;
        Tensor sdByGroup;
        Tensor statistic;
        Tensor zeros;
        Tensor appended;
        Tensor appendedByGroup;
        Tensor output;
        Tensor gradAppended;
        Tensor gradAppendedByGroup;
        Tensor gradStatistic;
        Tensor gradStatisticColumn;
        Tensor ones;
        Tensor scale;
        Tensor scaleRow;
        Tensor negativeMean;
        Tensor centered;
        Tensor centeredByGroup;
        Tensor gradInput;

        Cache forRows(int n) {
            if (n == rows) {
                return this;
            }
            rows = n;
            group = MinibatchStdDevType.groupOf(groupSize, n, "the batch");
            int groups = n / group;
            x = backend.zeros(n, features);
            xByGroup = x.reshape(group, groups * features);
            mean = backend.zeros(1, groups * features);
            sd = backend.zeros(1, groups * features);
            sdByGroup = sd.reshape(groups, features);
            statistic = backend.zeros(1, groups);
            zeros = backend.zeros(group, groups);
            appended = backend.zeros(n, 1);
            appendedByGroup = appended.reshape(group, groups);
            output = backend.zeros(n, features + 1);
            gradAppended = backend.zeros(n, 1);
            gradAppendedByGroup = gradAppended.reshape(group, groups);
            gradStatistic = backend.zeros(1, groups);
            gradStatisticColumn = gradStatistic.reshape(groups, 1);
            ones = backend.zeros(1, features);
            backend.fill(ones, 1f);
            scale = backend.zeros(groups, features);
            scaleRow = scale.reshape(1, groups * features);
            negativeMean = backend.zeros(1, groups * features);
            centered = backend.zeros(n, features);
            centeredByGroup = centered.reshape(group, groups * features);
            gradInput = backend.zeros(n, features);
            return this;
        }
    }
}
