package dev.gan4j.backend.ejml;

import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.ejml.data.FMatrixRMaj;

/**
 * The EJML matrix-multiply entry points, single-threaded or EJML's concurrent {@code _MT_}
 * versions.
 *
 * <p>Only the row-axpy kernels ({@code b} not transposed) are exposed: {@link EjmlBackend}
 * transposes a transposed {@code b} into a reused scratch matrix instead, because EJML's
 * {@code multTransB} (dot products) measured 2.5× slower and its {@code multTransAB} allocates a
 * work array on every call for large inputs.
 */
enum MatMul {
    /** {@link CommonOps_FDRM}: one thread. */
    SINGLE {
        @Override
        void mult(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_FDRM.mult(alpha, a, b, c);
        }

        @Override
        void multTransA(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_FDRM.multTransA(alpha, a, b, c);
        }

        @Override
        void multAdd(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_FDRM.multAdd(alpha, a, b, c);
        }

        @Override
        void multAddTransA(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_FDRM.multAddTransA(alpha, a, b, c);
        }
    },
    /** {@link CommonOps_MT_FDRM}: rows split over EJML's process-wide fork-join pool. */
    CONCURRENT {
        @Override
        void mult(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_MT_FDRM.mult(alpha, a, b, c);
        }

        @Override
        void multTransA(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_MT_FDRM.multTransA(alpha, a, b, c);
        }

        @Override
        void multAdd(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_MT_FDRM.multAdd(alpha, a, b, c);
        }

        @Override
        void multAddTransA(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_MT_FDRM.multAddTransA(alpha, a, b, c);
        }
    };

    /** {@code c = alpha·a·b}. */
    abstract void mult(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /** {@code c = alpha·aᵀ·b}. */
    abstract void multTransA(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /** {@code c += alpha·a·b}. */
    abstract void multAdd(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /** {@code c += alpha·aᵀ·b}. */
    abstract void multAddTransA(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);
}
