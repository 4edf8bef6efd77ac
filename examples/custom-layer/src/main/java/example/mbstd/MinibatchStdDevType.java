package example.mbstd;

import dev.gan4j.api.Default;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.LayerType;
import dev.gan4j.api.TrainingSetup;
import java.util.Arrays;

/**
 * The {@code "example-minibatch-stddev"} layer type: appends to each sample one feature, the mean over
 * features of the per-feature standard deviation within the sample's group of {@code groupSize}
 * samples (minibatch standard deviation, Karras et al. 2018, "Progressive Growing of GANs"). A
 * discriminator that sees how varied a batch is can tell a collapsed generator's batch from real
 * data. gan4j has it built in as {@code "minibatch-stddev"} (images too); this copy, under
 * another name so both can be registered at once, shows how a user writes such a layer.
 *
 * <p>In JSON: {@code {"type": "example-minibatch-stddev", "groupSize": 4}} ({@code groupSize} may be left
 * out). Registered in this jar's {@code META-INF/services/dev.gan4j.api.LayerType}.
 */
public final class MinibatchStdDevType implements LayerType<MinibatchStdDevType.Config> {

    /**
     * The layer's JSON fields: a plain record, bound by gan4j with no JSON library here.
     *
     * @param groupSize samples per group; as in ProGAN, a batch smaller than this is one group
     */
    public record Config(@Default("4") int groupSize) implements LayerConfig {
    }

    @Override
    public String name() {
        return "example-minibatch-stddev";
    }

    @Override
    public Class<Config> configClass() {
        return Config.class;
    }

    @Override
    public Layer create(Config config, LayerContext context) {
        checkShape(context.inputShape());
        checkGroupSize(config.groupSize());
        return new MinibatchStdDev(context.backend(), context.inputShape()[0], config.groupSize());
    }

    /**
     * Refuses, before training, a group size that would make {@code gan train} fail: every batch the
     * network sees (the mini-batch, and the generator's samples per iteration) must split into
     * whole groups.
     */
    @Override
    public void validate(Config config, int[] inputShape, TrainingSetup setup) {
        checkShape(inputShape);
        checkGroupSize(config.groupSize());
        groupOf(config.groupSize(), setup.batchSize(), "the batch size");
        groupOf(config.groupSize(), setup.samplesPerIteration(), "samplesPerIteration");
    }

    /**
     * The samples per group in a batch of {@code rows}: {@code groupSize}, or the whole batch when it
     * is smaller (ProGAN's rule).
     *
     * @throws IllegalArgumentException if the groups do not divide the batch
     */
    static int groupOf(int groupSize, int rows, String what) {
        int group = Math.min(groupSize, rows);
        if (rows % group != 0) {
            throw new IllegalArgumentException("groupSize " + groupSize + " does not divide " + what + " " + rows
                    + ": use a group size that divides every batch (e.g. " + largestDivisor(rows, groupSize) + ")");
        }
        return group;
    }

    private static int largestDivisor(int rows, int atMost) {
        for (int d = atMost; d > 1; d--) {
            if (rows % d == 0) {
                return d;
            }
        }
        return 1;
    }

    private static void checkGroupSize(int groupSize) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be at least 1, got " + groupSize);
        }
    }

    private static void checkShape(int[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("example-minibatch-stddev takes flat features, got input shape "
                    + Arrays.toString(inputShape) + ": put it after a dense layer");
        }
    }
}
