package example.mbstd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.LayerType;
import dev.gan4j.api.Mode;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.TrainingSetup;
import dev.gan4j.testkit.GradientCheck;
import dev.gan4j.testkit.LayerConformance;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The layer checked with gan4j's layer-author kit on every backend found, and its type's validation. */
class MinibatchStdDevTest {

    private static final MinibatchStdDevType TYPE = new MinibatchStdDevType();

    /**
     * Inputs whose group members differ by at least 0.15 in every feature. A standard deviation has
     * a kink where a group's values meet (for two samples it is {@code |a − b| / 2}), and the kit's
     * default inputs put two samples' features within its epsilon of each other on seed 5 (the
     * central difference then read 0.0019 against the exact 0.0066).
     */
    private static final BiConsumer<SeededRandom, float[]> APART = (random, x) -> {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.25 * i + 0.1 * random.nextDouble());
        }
    };

    static Stream<Backend> backends() {
        return Backends.discover().providers().stream().map(provider -> provider.create(Map.of()));
    }

    private static Function<Backend, Layer> layer(int features, int groupSize) {
        return b -> TYPE.create(new MinibatchStdDevType.Config(groupSize),
                new LayerContext(b, new int[] {features}, new SeededRandom(1), "mbstd"));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void conformsToTheKit(Backend backend) {
        // LayerConformance runs batches of 4 and 9, which no group size above 1 divides both of:
        // groupSize 16 makes each batch one group (ProGAN's rule for a batch smaller than a group)
        LayerConformance.check(layer(6, 16), backend);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gradientsMatchFiniteDifferences(Backend backend) {
        // real groups: 8 samples in groups of 2 and of 4, and the whole batch as one group
        GradientCheck.of(layer(5, 2).apply(backend), backend).batchSize(8).inputs(APART).check();
        GradientCheck.of(layer(5, 4).apply(backend), backend).batchSize(8).inputs(APART).mode(Mode.EVAL).check();
        GradientCheck.of(layer(3, 4).apply(backend), backend).batchSize(3).inputs(APART).check();
    }

    @Test
    void theBackendsAgree() {
        List<Backend> found = backends().toList();
        assertTrue(found.size() >= 2, "both gan4j backends are test dependencies: " + found);
        LayerConformance.of(layer(6, 16)).checkSameOutputs(found.get(0), found.get(1));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void appendsTheMeanStandardDeviationOfEachStridedGroup(Backend backend) {
        // 4 samples of 2 features in groups of 2: samples 0 and 2 form group 0, 1 and 3 group 1
        float[] x = {1, 10, 5, 0, 3, 14, 5, 4};
        Layer mbstd = layer(2, 2).apply(backend);
        float[] y = mbstd.forward(backend.fromArray(x, 4, 2), new ForwardContext(Mode.TRAIN, new SeededRandom(3)),
                mbstd.newCache()).toArray();
        float group0 = (float) ((Math.sqrt(1 + 1e-8) + Math.sqrt(4 + 1e-8)) / 2); // sd of {1,3} and {10,14}
        float group1 = (float) ((Math.sqrt(0 + 1e-8) + Math.sqrt(4 + 1e-8)) / 2); // sd of {5,5} and {0,4}
        assertArrayEquals(new float[] {1, 10, group0, 5, 0, group1, 3, 14, group0, 5, 4, group1}, y, 1e-6f);
    }

    @Test
    @SuppressWarnings("rawtypes") // ServiceLoader.load takes the raw class of a generic SPI
    void isFoundThroughItsServicesFile() {
        assertTrue(ServiceLoader.load(LayerType.class).stream()
                .anyMatch(p -> p.type() == MinibatchStdDevType.class));
    }

    @Test
    void validateRefusesAGroupSizeThatDoesNotDivideTheBatches() {
        int[] in = {256};
        TYPE.validate(new MinibatchStdDevType.Config(4), in, setup(64, 128));
        TYPE.validate(new MinibatchStdDevType.Config(100), in, setup(64, 64)); // one group per batch
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> TYPE.validate(new MinibatchStdDevType.Config(5), in, setup(64, 128)));
        assertEquals("groupSize 5 does not divide the batch size 64: use a group size that divides every batch "
                + "(e.g. 4)", batch.getMessage());
        IllegalArgumentException samples = assertThrows(IllegalArgumentException.class,
                () -> TYPE.validate(new MinibatchStdDevType.Config(8), in, setup(64, 100)));
        assertEquals("groupSize 8 does not divide samplesPerIteration 100: use a group size that divides every "
                + "batch (e.g. 5)", samples.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TYPE.validate(new MinibatchStdDevType.Config(0), in, setup(64, 64)));
        assertThrows(IllegalArgumentException.class,
                () -> TYPE.validate(new MinibatchStdDevType.Config(4), new int[] {1, 28, 28}, setup(64, 64)));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aBatchTheGroupsDoNotDivideIsRefused(Backend backend) {
        Layer mbstd = layer(3, 4).apply(backend);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mbstd.forward(
                backend.zeros(6, 3), new ForwardContext(Mode.EVAL, new SeededRandom(1)), mbstd.newCache()));
        assertTrue(e.getMessage().startsWith("groupSize 4 does not divide the batch 6"), e::getMessage);
    }

    private static TrainingSetup setup(int batchSize, int samplesPerIteration) {
        return new TrainingSetup("discriminator", batchSize, samplesPerIteration, 0, new int[] {784}, 100);
    }
}
