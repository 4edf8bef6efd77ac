package dev.gan4j.backend.ejml;

import java.util.List;

/** {@link GemmConvolutionTest} on {@link VectorGemm}, in the test run that has the Vector API module. */
class GemmConvolutionVectorTest extends GemmConvolutionTest {

    @Override
    List<GemmKernel> kernels() {
        return List.of(new VectorGemm());
    }
}
