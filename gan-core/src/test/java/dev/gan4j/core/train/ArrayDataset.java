package dev.gan4j.core.train;

import dev.gan4j.api.Dataset;
import dev.gan4j.api.Tensor;

/** An in-memory dataset for tests. */
public final class ArrayDataset implements Dataset {
    private final float[] values;
    private final int[] labels;
    private final int features;
    private final int[] shape;
    private final int classes;
    private final float[] staging;

    public ArrayDataset(float[] values, int[] labels, int features, int classes, int maxBatch) {
        this(values, labels, new int[] {features}, classes, maxBatch);
    }

    /** Samples of {@code shape}, e.g. {@code [1, 7, 7]} images. */
    public ArrayDataset(float[] values, int[] labels, int[] shape, int classes, int maxBatch) {
        int features = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        this.shape = shape.clone();
        this.values = values;
        this.labels = labels;
        this.features = features;
        this.classes = classes;
        this.staging = new float[maxBatch * features];
    }

    @Override
    public String name() {
        return "array";
    }

    @Override
    public int size() {
        return values.length / features;
    }

    @Override
    public int[] sampleShape() {
        return shape.clone();
    }

    @Override
    public int classCount() {
        return classes;
    }

    @Override
    public void gather(int[] indices, int offset, Tensor out, int[] labelsOut) {
        for (int k = 0; k < out.rows(); k++) {
            System.arraycopy(values, indices[offset + k] * features, staging, k * features, features);
            if (labelsOut != null) {
                labelsOut[k] = labels[indices[offset + k]];
            }
        }
        out.copyFrom(staging);
    }
}
