package dev.gan4j.core.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of evaluation classifier gan4j trains, by the name users pick them with
 * ({@code gan evaluate --judge cnn}) and every evaluation records: {@link #CNN}, the default, and
 * {@link #MLP}, the perceptron gan4j judged with before, kept to compare with.
 */
public enum Judge {

    /** A small convolutional network ({@link CnnArchitecture}). */
    CNN,

    /** A multilayer perceptron ({@link MlpArchitecture}). */
    MLP;

    /** The default judge. */
    public static final Judge DEFAULT = CNN;

    /** The name users write and files record: {@code cnn} or {@code mlp}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The judge named {@code id} ({@code cnn} or {@code mlp}, any case).
     *
     * @throws IllegalArgumentException naming the known judges if there is none of that name
     */
    public static Judge of(String id) {
        for (Judge j : values()) {
            if (j.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return j;
            }
        }
        throw new IllegalArgumentException("unknown judge '" + id + "': expected one of " + names());
    }

    /** {@code cnn, mlp}. */
    public static String names() {
        return Arrays.stream(values()).map(Judge::id).collect(Collectors.joining(", "));
    }

    /**
     * This judge's default network for labelled images of {@code shape} ({@code [C, H, W]},
     * {@code [H, W]} or a flat {@code [P]}, which only the MLP can take).
     *
     * @throws IllegalArgumentException if the CNN is asked for samples that are not images
     */
    public ClassifierArchitecture architecture(int[] shape, int classes) {
        int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (this == MLP) {
            MlpArchitecture m = MlpArchitecture.mnist();
            return new MlpArchitecture(size, m.hidden(), m.leakySlope(), classes);
        }
        return switch (shape.length) {
            case 2 -> CnnArchitecture.standard(1, shape[0], shape[1], classes);
            case 3 -> CnnArchitecture.standard(shape[0], shape[1], shape[2], classes);
            default -> throw new IllegalArgumentException("the cnn judge needs images, but the samples have shape "
                    + Arrays.toString(shape) + "; use the mlp judge");
        };
    }

    /**
     * How this judge trains on data of {@code size} samples, held-out part included: the
     * {@linkplain ClassifierTraining#defaultsFor(int) MLP's defaults}, or the CNN's (see
     * {@link ClassifierTraining#cnnDefaultsFor(int)}).
     */
    public ClassifierTraining training(int size) {
        return this == MLP ? ClassifierTraining.defaultsFor(size) : ClassifierTraining.cnnDefaultsFor(size);
    }
}
