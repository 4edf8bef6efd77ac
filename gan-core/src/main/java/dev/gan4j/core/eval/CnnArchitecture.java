package dev.gan4j.core.eval;

import java.util.List;

/**
 * The {@code cnn} judge's shape: for each entry of {@code filters} a block
 * {@code conv2d 3×3 (padding 1) → LeakyReLU → avg-pool2d 2×2}, then
 * {@code flatten → dense features → LeakyReLU → dense classes}. The dense layer's activations are
 * the features the Fréchet distance and precision/recall compare, as in the convolutional
 * classifiers TF-GAN's MNIST score and the FID literature use.
 *
 * @param channels image channels, e.g. 1 for MNIST
 * @param height image height in pixels
 * @param width image width in pixels
 * @param filters the convolutions' output channels, one block each, at least one, each
 *     positive; every block halves the image (rounding down), which must stay at least 1 × 1
 * @param features width of the hidden dense layer, positive
 * @param leakySlope the LeakyReLU slope for negative inputs, in [0, 1)
 * @param classes number of classes, at least 2
 */
public record CnnArchitecture(int channels, int height, int width, List<Integer> filters, int features,
        float leakySlope, int classes) implements ClassifierArchitecture {

    /** The convolutions' kernel size; padding {@code KERNEL / 2} keeps the image size. */
    static final int KERNEL = 3;
    /** The pooling window and stride. */
    static final int POOL = 2;

    public CnnArchitecture {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("classifier images must have positive channels, height and width, got "
                    + channels + "x" + height + "x" + width);
        }
        if (filters == null || filters.isEmpty() || filters.stream().anyMatch(f -> f == null || f <= 0)) {
            throw new IllegalArgumentException("classifier filters must be one or more positive channel counts, got "
                    + filters);
        }
        if (height >> filters.size() < 1 || width >> filters.size() < 1) {
            throw new IllegalArgumentException(filters.size() + " blocks halve a " + height + "x" + width
                    + " image below one pixel; use fewer filters entries");
        }
        if (features <= 0) {
            throw new IllegalArgumentException("classifier features must be positive, got " + features);
        }
        if (!(leakySlope >= 0f && leakySlope < 1f)) {
            throw new IllegalArgumentException("classifier leakySlope must be in [0, 1), got " + leakySlope);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        filters = List.copyOf(filters);
    }

    /** The default for {@code channels × height × width} images of {@code classes} classes. */
    public static CnnArchitecture standard(int channels, int height, int width, int classes) {
        return new CnnArchitecture(channels, height, width, List.of(16, 32), 128, 0.2f, classes);
    }

    /** The default for MNIST-like data: 1×28×28 → conv 16 → conv 32 → 128 → 10. */
    public static CnnArchitecture mnist() {
        return standard(1, 28, 28, 10);
    }

    @Override
    public Judge judge() {
        return Judge.CNN;
    }

    @Override
    public int inputSize() {
        return Math.multiplyExact(channels, Math.multiplyExact(height, width));
    }

    @Override
    public int featureSize() {
        return features;
    }

    /** {@code [C, H, W]} of one input image. */
    int[] imageShape() {
        return new int[] {channels, height, width};
    }

    /** {@code cnn-1x28x28-16-32-128-10}. */
    @Override
    public String signature() {
        StringBuilder sb = new StringBuilder("cnn-").append(channels).append('x').append(height).append('x')
                .append(width);
        for (int f : filters) {
            sb.append('-').append(f);
        }
        return sb.append('-').append(features).append('-').append(classes).toString();
    }

    @Override
    public String toString() {
        return "CnnArchitecture[" + signature() + ", leakySlope " + leakySlope + "]";
    }
}
