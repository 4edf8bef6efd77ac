package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.nn.CallSite;
import dev.gan4j.core.nn.LayerPlan;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.nn.ModelShapeException;
import dev.gan4j.core.nn.Sequential;
import java.util.Arrays;
import java.util.List;

/**
 * A generator and a discriminator, and the stacked generator→discriminator built from the
 * <em>same</em> layer objects: no weights are ever copied between them. Each network has
 * separate {@link CallSite}s (caches) for its standalone use and for its place in the stack.
 *
 * <p>With conditioning the generator's input is {@code [noise, one-hot label]} and the
 * discriminator's is {@code [sample, one-hot label]}.
 */
public final class GanModel {

    private final Backend backend;
    private final int noiseDim;
    private final int classCount;
    private final int[] sampleShape;
    private final CallSite generator;
    private final CallSite discriminator;
    private final CallSite stackedGenerator;
    private final CallSite stackedDiscriminator;
    private final CallSite sampler;

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
        ModelPlan.of(generator, discriminator).check(noiseDim, sampleShape, classCount);
        this.generator = new CallSite(generator);
        this.discriminator = new CallSite(discriminator);
        this.stackedGenerator = new CallSite(generator);
        this.stackedDiscriminator = new CallSite(discriminator);
        this.sampler = new CallSite(generator);
    }

    /**
     * Builds both networks from layer configurations. Parameter ids are {@code G.i.*} and
     * {@code D.i.*}; initial weights come from forks of {@code init}.
     *
     * @throws ModelShapeException naming the network and layer that does not fit
     */
    public static GanModel build(Backend backend, List<? extends LayerConfig> generatorLayers,
            List<? extends LayerConfig> discriminatorLayers, int noiseDim, int[] sampleShape, int classCount,
            SeededRandom init, LayerRegistry registry) {
        Sequential g;
        Sequential d;
        try {
            g = Sequential.build(generatorLayers, generatorInput(noiseDim, classCount), "G", backend, init.fork("G"),
                    registry);
        } catch (ModelShapeException e) {
            throw e.inNetwork("generator");
        }
        try {
            d = Sequential.build(discriminatorLayers, discriminatorInput(sampleShape, classCount), "D", backend,
                    init.fork("D"), registry);
        } catch (ModelShapeException e) {
            throw e.inNetwork("discriminator");
        }
        ModelPlan.of(g, d).check(noiseDim, sampleShape, classCount, typeNames(generatorLayers, registry));
        return new GanModel(backend, g, d, noiseDim, sampleShape, classCount);
    }

    private static List<String> typeNames(List<? extends LayerConfig> layers, LayerRegistry registry) {
        return layers.stream().map(registry::nameOf).toList();
    }

    /**
     * What {@link #build} would build, measured by building the networks on a shape-only backend
     * (see {@link Sequential#plan}), and checked as {@link #build} checks them: for reporting shape
     * errors and estimating memory before anything large is allocated.
     *
     * @throws ModelShapeException naming the network and layer that does not fit
     */
    public static ModelPlan plan(List<? extends LayerConfig> generatorLayers,
            List<? extends LayerConfig> discriminatorLayers, int noiseDim, int[] sampleShape, int classCount,
            LayerRegistry registry) {
        List<LayerPlan> g;
        List<LayerPlan> d;
        try {
            g = Sequential.plan(generatorLayers, generatorInput(noiseDim, classCount), "G", registry);
        } catch (ModelShapeException e) {
            throw e.inNetwork("generator");
        }
        try {
            d = Sequential.plan(discriminatorLayers, discriminatorInput(sampleShape, classCount), "D", registry);
        } catch (ModelShapeException e) {
            throw e.inNetwork("discriminator");
        }
        ModelPlan plan = new ModelPlan(g, d);
        plan.check(noiseDim, sampleShape, classCount, typeNames(generatorLayers, registry));
        return plan;
    }

    private static int[] generatorInput(int noiseDim, int classCount) {
        if ((long) noiseDim + classCount > Integer.MAX_VALUE) {
            throw new ModelShapeException("generator", 0, "noise.dim + classes = " + ((long) noiseDim + classCount)
                    + " is more than 2^31-1 inputs");
        }
        return new int[] {noiseDim + classCount};
    }

    /** A conditional discriminator sees the flattened sample followed by its one-hot label. */
    private static int[] discriminatorInput(int[] sampleShape, int classCount) {
        return classCount > 0 ? new int[] {size(sampleShape) + classCount} : sampleShape.clone();
    }

    private static int size(int[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    public Backend backend() {
        return backend;
    }

    /** The generator's call site for producing samples for D steps. */
    public CallSite generator() {
        return generator;
    }

    /** The discriminator's standalone call site. */
    public CallSite discriminator() {
        return discriminator;
    }

    /** The generator's call site inside the stacked model. */
    public CallSite stackedGenerator() {
        return stackedGenerator;
    }

    /** The discriminator inside the stacked model: the same layers as {@link #discriminator()}. */
    public CallSite stackedDiscriminator() {
        return stackedDiscriminator;
    }

    /** A generator call site reserved for drawing samples (grids, evaluation). */
    public CallSite sampler() {
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
