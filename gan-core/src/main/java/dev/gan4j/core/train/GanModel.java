package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.nn.Sequential;
import java.util.Arrays;
import java.util.List;

/**
 * A generator and a discriminator, and the stacked generator→discriminator built from the
 * <em>same</em> layer objects: no weights are ever copied between them. Each network has
 * separate call sites (caches) for its standalone use and for its place in the stack.
 *
 * <p>With conditioning the generator's input is {@code [noise, one-hot label]} and the
 * discriminator's is {@code [sample, one-hot label]}.
 */
public final class GanModel {

    private final Backend backend;
    private final int noiseDim;
    private final int classCount;
    private final int[] sampleShape;
    private final Sequential generator;
    private final Sequential discriminator;
    private final Sequential stackedGenerator;
    private final Sequential stackedDiscriminator;
    private final Sequential sampler;

    /**
     * Wraps built networks.
     *
     * @param classCount number of classes for one-hot conditioning, 0 for an unconditional GAN
     */
    public GanModel(Backend backend, Sequential generator, Sequential discriminator, int noiseDim, int[] sampleShape,
            int classCount) {
        this.backend = backend;
        this.noiseDim = noiseDim;
        this.classCount = classCount;
        this.sampleShape = sampleShape.clone();
        int sampleSize = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        int gIn = size(generator.inputShape());
        if (gIn != noiseDim + classCount) {
            throw new IllegalArgumentException("generator takes " + gIn + " inputs but noise.dim + classes is "
                    + (noiseDim + classCount));
        }
        int gOut = size(generator.outputShape());
        if (gOut != sampleSize) {
            throw new IllegalArgumentException("generator produces " + Arrays.toString(generator.outputShape())
                    + " = " + gOut + " values per sample, but the data's samples are " + Arrays.toString(sampleShape)
                    + " = " + sampleSize + " values");
        }
        int dIn = size(discriminator.inputShape());
        if (dIn != sampleSize + classCount) {
            throw new IllegalArgumentException("discriminator takes " + dIn + " inputs but a sample"
                    + (classCount > 0 ? " with its one-hot label" : "") + " has " + (sampleSize + classCount));
        }
        int dOut = size(discriminator.outputShape());
        if (dOut != 1) {
            throw new IllegalArgumentException("discriminator must end with one output per sample, got "
                    + Arrays.toString(discriminator.outputShape()));
        }
        this.generator = generator;
        this.discriminator = discriminator;
        this.stackedGenerator = Sequential.sharing(generator);
        this.stackedDiscriminator = Sequential.sharing(discriminator);
        this.sampler = Sequential.sharing(generator);
    }

    /**
     * Builds both networks from layer configurations. Parameter ids are {@code G.i.*} and
     * {@code D.i.*}; initial weights come from forks of {@code init}.
     */
    public static GanModel build(Backend backend, List<? extends LayerConfig> generatorLayers,
            List<? extends LayerConfig> discriminatorLayers, int noiseDim, int[] sampleShape, int classCount,
            SeededRandom init, LayerRegistry registry) {
        int sampleSize = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        Sequential g = Sequential.build(generatorLayers, new int[] {noiseDim + classCount}, "G", backend,
                init.fork("G"), registry);
        int[] dInput = classCount > 0 ? new int[] {sampleSize + classCount} : sampleShape;
        Sequential d = Sequential.build(discriminatorLayers, dInput, "D", backend, init.fork("D"), registry);
        return new GanModel(backend, g, d, noiseDim, sampleShape, classCount);
    }

    private static int size(int[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    public Backend backend() {
        return backend;
    }

    /** The generator's call site for producing samples for D steps. */
    public Sequential generator() {
        return generator;
    }

    /** The discriminator's standalone call site. */
    public Sequential discriminator() {
        return discriminator;
    }

    /** The generator's call site inside the stacked model. */
    public Sequential stackedGenerator() {
        return stackedGenerator;
    }

    /** The discriminator inside the stacked model: the same layers as {@link #discriminator()}. */
    public Sequential stackedDiscriminator() {
        return stackedDiscriminator;
    }

    /** A generator call site reserved for drawing samples (grids, evaluation). */
    public Sequential sampler() {
        return sampler;
    }

    public int noiseDim() {
        return noiseDim;
    }

    /** Number of classes for conditioning; 0 when unconditional. */
    public int classCount() {
        return classCount;
    }

    /** Per-sample shape of the data and of generated samples. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Values per sample. */
    public int sampleSize() {
        return size(sampleShape);
    }

    /** Every parameter of G then D (buffers included), for checkpoints. */
    public List<Parameter> parameters() {
        return java.util.stream.Stream.concat(generator.parameters().stream(), discriminator.parameters().stream())
                .toList();
    }
}
