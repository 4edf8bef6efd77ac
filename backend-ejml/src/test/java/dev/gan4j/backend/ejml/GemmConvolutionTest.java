package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.conformance.ReferenceOps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link GemmConvolution} against the reference on every GEMM kernel of the default test run, in
 * both patch layouts (channels-first for short patch rows, channels-last for long ones), with
 * column budgets that force one sample per product, groups that leave a partial last group, and
 * the whole batch at once: the staging of y and dY and the per-sample offsets are only exercised
 * by such budgets, which the conformance suite's small tensors never reach.
 */
class GemmConvolutionTest {

    /** {input shape, weight shape, geometry (kh, kw, sh, sw, ph, pw), extra rows and columns of gradInput}. */
    private static final int[][][] CASES = {
        {{5, 3, 9, 8}, {4, 3, 4, 4}, {4, 4, 2, 2, 1, 1}, {0, 0}},
        {{5, 3, 10, 9}, {4, 3, 4, 4}, {4, 4, 2, 2, 1, 1}, {1, 1}},
        {{3, 2, 7, 6}, {5, 2, 3, 3}, {3, 3, 1, 1, 1, 1}, {0, 0}},
        {{4, 1, 12, 12}, {6, 1, 4, 4}, {4, 4, 2, 2, 1, 1}, {0, 0}},
        {{3, 2, 7, 5}, {2, 2, 3, 2}, {3, 2, 1, 2, 1, 0}, {0, 0}},
        {{3, 4, 6, 6}, {3, 4, 2, 2}, {2, 2, 2, 2, 0, 0}, {1, 0}},
        {{3, 3, 5, 4}, {4, 3, 1, 1}, {1, 1, 1, 1, 0, 0}, {0, 0}},
        {{2, 2, 3, 3}, {2, 2, 3, 3}, {3, 3, 1, 1, 2, 2}, {0, 0}},
        {{2, 2, 2, 3}, {2, 2, 3, 3}, {3, 3, 2, 2, 2, 2}, {1, 1}},
        {{3, 2, 13, 12}, {3, 2, 3, 3}, {3, 3, 1, 1, 1, 1}, {0, 0}},
        // kw·C >= 32: patches gathered channels-last
        {{5, 16, 9, 8}, {6, 16, 4, 4}, {4, 4, 2, 2, 1, 1}, {0, 0}},
        {{5, 16, 10, 9}, {6, 16, 4, 4}, {4, 4, 2, 2, 1, 1}, {1, 1}},
        {{3, 12, 7, 6}, {5, 12, 3, 3}, {3, 3, 1, 1, 1, 1}, {0, 0}},
        {{2, 16, 5, 4}, {3, 16, 3, 2}, {3, 2, 2, 1, 2, 0}, {1, 0}},
        {{2, 11, 13, 12}, {4, 11, 3, 3}, {3, 3, 1, 1, 1, 1}, {0, 0}},
    };

    /** The kernels to run on: those that need no Vector API module. */
    List<GemmKernel> kernels() {
        List<GemmKernel> kernels = new ArrayList<>();
        kernels.add(new EjmlGemm(MatMul.SINGLE));
        kernels.add(new NetlibGemm(NetlibBlas.get().javaBlas()));
        if (NetlibBlas.get().nativeBlas() != null) {
            kernels.add(new NetlibGemm(NetlibBlas.get().nativeBlas()));
        }
        return kernels;
    }

    @Test
    void everyGroupingMatchesTheReference() {
        SeededRandom random = new SeededRandom(11);
        for (GemmKernel kernel : kernels()) {
            for (int[][] c : CASES) {
                int[] xs = c[0];
                int[] ws = c[1];
                ConvGeometry g = new ConvGeometry(c[2][0], c[2][1], c[2][2], c[2][3], c[2][4], c[2][5]);
                int[] ys = {xs[0], ws[0], g.outputHeight(xs[2]), g.outputWidth(xs[3])};
                int perSample = xs[1] * ws[2] * ws[3] * ys[2] * ys[3];
                for (int budget : new int[] {1, 2 * perSample, GemmConvolution.DEFAULT_COLUMN_BUDGET}) {
                    check(kernel, budget, xs, ws, ys, g, c[3], random);
                }
            }
        }
    }

    private static void check(GemmKernel kernel, int budget, int[] xs, int[] ws, int[] ys, ConvGeometry g,
            int[] extra, SeededRandom random) {
        String where = kernel.getClass().getSimpleName() + " budget " + budget + " x " + java.util.Arrays.toString(xs)
                + " w " + java.util.Arrays.toString(ws) + " " + g;
        GemmConvolution conv = new GemmConvolution(kernel, budget);
        float[] x = gaussian(random, size(xs));
        float[] w = gaussian(random, size(ws));
        float[] dy = gaussian(random, size(ys));
        // twice, so that reused scratch arrays and stale outputs would show
        for (int round = 0; round < 2; round++) {
            float[] y = gaussian(random, size(ys));
            conv.forward(x, xs, w, ws, g, y, ys);
            assertClose(where + " forward", ReferenceOps.conv2d(x, xs, w, ws, g), y);

            int[] dxs = {xs[0], xs[1], xs[2] + extra[0], xs[3] + extra[1]};
            float[] dx = gaussian(random, size(dxs));
            conv.backwardInput(dy, ys, w, ws, g, dx, dxs);
            assertClose(where + " backwardInput", ReferenceOps.conv2dBackwardInput(dy, ys, w, ws, dxs, g), dx);

            float[] old = gaussian(random, size(ws));
            for (float beta : new float[] {0f, 1f, 0.5f}) {
                float[] dw = old.clone();
                if (beta == 0f) {
                    dw[0] = Float.NaN;
                }
                conv.backwardWeight(x, xs, dy, ys, g, beta, dw, ws);
                assertClose(where + " backwardWeight beta " + beta,
                        ReferenceOps.conv2dBackwardWeight(x, xs, dy, ys, ws, g, beta, old), dw);
            }
        }
    }

    /** Within float rounding of the reference, relative to the sum of the magnitudes of the terms. */
    private static void assertClose(String what, double[] reference, float[] actual) {
        int size = actual.length;
        for (int i = 0; i < size; i++) {
            double tolerance = 1e-5 * reference[size + i] + 1e-6;
            double error = Math.abs(actual[i] - reference[i]);
            assertTrue(error <= tolerance, what + ": element " + i + " is " + actual[i] + ", expected "
                    + reference[i] + " (± " + tolerance + ")");
        }
    }

    private static float[] gaussian(SeededRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static int size(int[] shape) {
        int s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }
}
