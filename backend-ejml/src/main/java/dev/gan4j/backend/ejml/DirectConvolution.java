package dev.gan4j.backend.ejml;

import dev.gan4j.api.ConvGeometry;

/**
 * Convolution by direct loops over row-major NCHW arrays: correct for every geometry and free of
 * allocation, the baseline that a GEMM-based implementation must agree with.
 */
final class DirectConvolution {

    void forward(float[] x, int[] xs, float[] w, int[] ws, ConvGeometry g, float[] y) {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], k = ws[0], kh = ws[2], kw = ws[3];
        int oh = g.outputHeight(h), ow = g.outputWidth(wd);
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < k; o++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        float s = 0;
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kh; i++) {
                                int r = yy * g.strideHeight() - g.padHeight() + i;
                                if (r < 0 || r >= h) {
                                    continue;
                                }
                                for (int j = 0; j < kw; j++) {
                                    int q = xx * g.strideWidth() - g.padWidth() + j;
                                    if (q >= 0 && q < wd) {
                                        s += w[((o * c + ch) * kh + i) * kw + j] * x[((b * c + ch) * h + r) * wd + q];
                                    }
                                }
                            }
                        }
                        y[((b * k + o) * oh + yy) * ow + xx] = s;
                    }
                }
            }
        }
    }

    void backwardInput(float[] dy, int[] dys, float[] w, int[] ws, ConvGeometry g, float[] dx, int[] xs) {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], k = ws[0], kh = ws[2], kw = ws[3];
        int oh = dys[2], ow = dys[3];
        java.util.Arrays.fill(dx, 0, n * c * h * wd, 0f);
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < k; o++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        float d = dy[((b * k + o) * oh + yy) * ow + xx];
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kh; i++) {
                                int r = yy * g.strideHeight() - g.padHeight() + i;
                                if (r < 0 || r >= h) {
                                    continue;
                                }
                                for (int j = 0; j < kw; j++) {
                                    int q = xx * g.strideWidth() - g.padWidth() + j;
                                    if (q >= 0 && q < wd) {
                                        dx[((b * c + ch) * h + r) * wd + q] += d * w[((o * c + ch) * kh + i) * kw + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    void backwardWeight(float[] x, int[] xs, float[] dy, int[] dys, ConvGeometry g, float beta, float[] dw, int[] ws) {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], k = ws[0], kh = ws[2], kw = ws[3];
        int oh = dys[2], ow = dys[3];
        for (int o = 0; o < k; o++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int at = ((o * c + ch) * kh + i) * kw + j;
                        float s = 0;
                        for (int b = 0; b < n; b++) {
                            for (int yy = 0; yy < oh; yy++) {
                                int r = yy * g.strideHeight() - g.padHeight() + i;
                                if (r < 0 || r >= h) {
                                    continue;
                                }
                                for (int xx = 0; xx < ow; xx++) {
                                    int q = xx * g.strideWidth() - g.padWidth() + j;
                                    if (q >= 0 && q < wd) {
                                        s += dy[((b * k + o) * oh + yy) * ow + xx] * x[((b * c + ch) * h + r) * wd + q];
                                    }
                                }
                            }
                        }
                        dw[at] = beta == 0f ? s : beta * dw[at] + s;
                    }
                }
            }
        }
    }
}
