package dev.gan4j.backend.ejml;

/** {@link RowKernel} as plain loops, for a JVM without the Vector API module. */
final class ScalarRows implements RowKernel {

    @Override
    public void addRowVector(float[] x, float[] row, float[] y) {
        ActivationKernel.addBias(x, row, y);
    }

    @Override
    public void sumColumns(float[] x, float beta, float[] y) {
        int cols = y.length;
        // Row 0 first, reading y[j] before writing it: correct even when y is x (one row), and
        // NaN in y is ignored when beta is 0.
        if (beta == 0f) {
            System.arraycopy(x, 0, y, 0, cols);
        } else {
            for (int j = 0; j < cols; j++) {
                y[j] = x[j] + beta * y[j];
            }
        }
        // Row-major walk: each pass adds one contiguous row to y, which stays in cache.
        for (int base = cols; base < x.length; base += cols) {
            for (int j = 0; j < cols; j++) {
                y[j] += x[base + j];
            }
        }
    }

    @Override
    public String describe() {
        return "scalar loops";
    }
}
