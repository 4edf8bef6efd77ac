package dev.gan4j.core.train;

import dev.gan4j.core.nn.LayerPlan;
import dev.gan4j.core.nn.ModelShapeException;
import dev.gan4j.core.nn.Sequential;
import java.util.Arrays;
import java.util.List;

/**
 * The layers of a GAN's two networks as {@link LayerPlan}s: what {@link GanModel#build} would
 * build, known before anything is allocated. {@link GanModel#plan} makes one and checks that the
 * networks fit each other and the data; the model's memory needs are computed from it.
 *
 * @param generator one plan per generator layer
 * @param discriminator one plan per discriminator layer
 */
public record ModelPlan(List<LayerPlan> generator, List<LayerPlan> discriminator) {

    public ModelPlan {
        generator = List.copyOf(generator);
        discriminator = List.copyOf(discriminator);
    }

    /** The plan of networks already built. */
    static ModelPlan of(Sequential generator, Sequential discriminator) {
        return new ModelPlan(generator.layers().stream().map(LayerPlan::of).toList(),
                discriminator.layers().stream().map(LayerPlan::of).toList());
    }

    /** The plans of {@code network}'s layers: {@code "generator"} or {@code "discriminator"}. */
    public List<LayerPlan> network(String network) {
        return switch (network) {
            case "generator" -> generator;
            case "discriminator" -> discriminator;
            default -> throw new IllegalArgumentException("no network '" + network + "'");
        };
    }

    /** Trainable parameter values of a list of layer plans. */
    public static long trainableValues(List<LayerPlan> layers) {
        return layers.stream().mapToLong(LayerPlan::trainableValues).sum();
    }

    /**
     * Checks that the generator maps {@code noiseDim + classCount} values to a sample of
     * {@code sampleShape}, and the discriminator maps a sample (with its one-hot label) to one
     * score. A mismatch blames the layer that sets the wrong size: the last layer of the network
     * that changes the size of its input.
     *
     * @throws ModelShapeException naming the network and the layer to change
     */
    void check(int noiseDim, int[] sampleShape, int classCount) {
        check(noiseDim, sampleShape, classCount, null);
    }

    /**
     * As {@link #check(int, int[], int)}; a generator that ends in images ({@code [C, H, W]}) must
     * make the data's very shape when the data is images too, and a mismatch names the layer's type.
     *
     * @param generatorTypes the type name of each generator layer, or {@code null} to call each "layer"
     */
    void check(int noiseDim, int[] sampleShape, int classCount, List<String> generatorTypes) {
        int sampleSize = size(sampleShape);
        int gIn = generator.get(0).inputSize();
        if (gIn != noiseDim + classCount) {
            throw new ModelShapeException("generator", 0, "the generator takes " + gIn + " inputs but noise.dim "
                    + (classCount > 0 ? "+ classes " : "") + "is " + (noiseDim + classCount));
        }
        int[] gShape = generator.get(generator.size() - 1).outputShape();
        int gOut = size(gShape);
        // a flat output (a dense layer's) is read as a sample by its size; an image must be the data's
        boolean images = gShape.length > 1 && (sampleShape.length > 1 || gOut != sampleSize);
        if (images && !Arrays.equals(gShape, sampleShape)) {
            int k = lastReshaping(generator);
            String type = generatorTypes == null ? "layer " + k : generatorTypes.get(k);
            throw new ModelShapeException("generator", k, type + " makes " + Arrays.toString(gShape)
                    + " but the data's samples are " + Arrays.toString(sampleShape));
        }
        if (gOut != sampleSize) {
            int k = lastResizing(generator);
            String data = "the data's samples are " + Arrays.toString(sampleShape) + " = " + sampleSize + " values";
            if (k < 0) {
                throw new ModelShapeException("generator", -1, "no layer changes the size of the generator's input ("
                        + gIn + " values), but " + data + "; add a dense layer with " + sampleSize + " units");
            }
            throw new ModelShapeException("generator", k, "this layer makes the generator's output "
                    + Arrays.toString(generator.get(k).outputShape()) + " = " + gOut + " values per sample, but "
                    + data);
        }
        int dIn = discriminator.get(0).inputSize();
        if (dIn != sampleSize + classCount) {
            throw new ModelShapeException("discriminator", 0, "the discriminator takes " + dIn + " inputs but a sample"
                    + (classCount > 0 ? " with its one-hot label" : "") + " has " + (sampleSize + classCount));
        }
        int dOut = discriminator.get(discriminator.size() - 1).outputSize();
        if (dOut != 1) {
            int k = lastResizing(discriminator);
            if (k < 0) {
                throw new ModelShapeException("discriminator", -1, "no layer reduces the discriminator's input ("
                        + dIn + " values) to the 1 score per sample it must output; end it with a dense layer of 1 "
                        + "unit");
            }
            throw new ModelShapeException("discriminator", k, "the discriminator must end with 1 output per sample "
                    + "(its score), but this layer makes it " + Arrays.toString(discriminator.get(k).outputShape()));
        }
    }

    /** Index of the last layer whose output size differs from its input size, or -1. */
    private static int lastResizing(List<LayerPlan> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).outputSize() != layers.get(i).inputSize()) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the last layer whose output shape differs from its input shape (the network's first if none). */
    private static int lastReshaping(List<LayerPlan> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (!Arrays.equals(layers.get(i).outputShape(), layers.get(i).inputShape())) {
                return i;
            }
        }
        return 0;
    }

    private static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sample shape " + Arrays.toString(shape) + " has more than 2^31-1 values");
        }
        return (int) n;
    }
}
