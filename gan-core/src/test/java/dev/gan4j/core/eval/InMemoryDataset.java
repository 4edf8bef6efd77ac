package dev.gan4j.core.eval;

import dev.gan4j.api.Dataset;
import dev.gan4j.api.Tensor;

/** Labelled samples held in arrays, for tests. */
record InMemoryDataset(String name, float[] values, int[] labels, int features, int classCount) implements Dataset {

    @Override
    public int size() {
        return values.length / features;
    }

    @Override
    public int[] sampleShape() {
        return new int[] {features};
    }

    @Override
    public void gather(int[] indices, int offset, Tensor out, int[] labelsOut) {
        float[] staging = new float[out.rows() * features];
        for (int k = 0; k < out.rows(); k++) {
            int i = indices[offset + k];
            System.arraycopy(values, i * features, staging, k * features, features);
            if (labelsOut != null) {
                labelsOut[k] = labels[i];
            }
        }
        out.copyFrom(staging);
    }

    /** The samples {@code indices}, as a new dataset. */
    InMemoryDataset subset(String subsetName, int[] indices) {
        float[] v = new float[indices.length * features];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(values, indices[k] * features, v, k * features, features);
            l[k] = labels[indices[k]];
        }
        return new InMemoryDataset(subsetName, v, l, features, classCount);
    }

    /** The values of the samples {@code indices}, row-major. */
    float[] rows(int[] indices) {
        return subset(name, indices).values();
    }
}
