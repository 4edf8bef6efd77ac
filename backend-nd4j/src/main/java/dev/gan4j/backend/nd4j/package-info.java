/**
 * A gan4j {@link dev.gan4j.api.Backend} on ND4J's native CPU backend ({@code nd4j-native},
 * linux-x86_64 only).
 *
 * <p>Only {@link dev.gan4j.backend.nd4j.Nd4jBackendProvider} is public; it is found through
 * {@link java.util.ServiceLoader} under the name {@code "nd4j"}. Tensors wrap ND4J
 * {@code INDArray}s ({@code Tensor.unwrap(INDArray.class)}). Matrix products call the OpenBLAS
 * that ND4J ships directly, transcendental functions run ND4J's native loops, convolutions run
 * libnd4j's {@code conv2d}, {@code im2col} and {@code col2im} ops around those products, and cheap
 * element-wise and per-channel work runs in Java on the arrays' native memory: each choice was
 * measured to be the fastest here for the sizes a GAN uses, and none allocates per call.
 */
package dev.gan4j.backend.nd4j;
