package dev.gan4j.mnist;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Tensor;
import java.util.Arrays;

/**
 * A plain-array {@link Tensor} for tests that need only shape and element access, so the data
 * pipeline is tested without a numeric backend. Operations that need a backend throw.
 */
final class ArrayTensor implements Tensor {

    private final int[] shape;
    private final float[] data;
    int copyFromCalls;

    ArrayTensor(int... shape) {
        this.shape = shape.clone();
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        this.data = new float[size];
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public int dim(int axis) {
        return shape[axis];
    }

    @Override
    public int rows() {
        return shape.length == 1 ? 1 : shape[0];
    }

    @Override
    public int columns() {
        return shape.length == 1 ? shape[0] : data.length / shape[0];
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public Backend backend() {
        throw new UnsupportedOperationException("test tensor has no backend");
    }

    @Override
    public float[] toArray() {
        return data.clone();
    }

    @Override
    public void toArray(float[] dst) {
        System.arraycopy(data, 0, dst, 0, data.length);
    }

    @Override
    public void copyFrom(float[] src) {
        if (src.length < data.length) {
            throw new IllegalArgumentException("source has " + src.length + " values, need " + data.length);
        }
        copyFromCalls++;
        System.arraycopy(src, 0, data, 0, data.length);
    }

    @Override
    public float getFlat(int index) {
        return data[index];
    }

    @Override
    public Tensor reshape(int... newShape) {
        throw new UnsupportedOperationException("not needed by the tests");
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException("not backed by " + type);
    }

    @Override
    public String toString() {
        return "ArrayTensor" + Arrays.toString(shape);
    }
}
