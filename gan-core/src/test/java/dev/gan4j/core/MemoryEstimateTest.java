package dev.gan4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.core.config.DataConfig;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.OptimizersConfig;
import dev.gan4j.core.config.OutputConfig;
import dev.gan4j.core.loss.Losses;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.optim.AdamConfig;
import dev.gan4j.core.optim.SgdConfig;
import dev.gan4j.core.train.ArrayDataset;
import dev.gan4j.core.train.Conditioning;
import dev.gan4j.core.train.GanModel;
import dev.gan4j.core.train.ModelPlan;
import dev.gan4j.core.train.NoiseConfig;
import dev.gan4j.core.train.Sampling;
import dev.gan4j.core.train.TrainingConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

    private static final int FEATURES = 784;
    private static final int NOISE = 100;

    private static ExperimentConfig experiment(int hidden, int bank, int samples, int batch) {
        List<LayerConfig> g = List.of(new DenseConfig(hidden, Initializer.XAVIER, true), new ActivationConfigs.Relu(),
                new DenseConfig(FEATURES, Initializer.XAVIER, true), new ActivationConfigs.Sigmoid());
        List<LayerConfig> d = List.of(new DenseConfig(hidden, Initializer.XAVIER, true),
                new ActivationConfigs.LeakyRelu(0.2f), new DenseConfig(1, Initializer.XAVIER, true));
        return new ExperimentConfig("memory", "", 1, "ejml", DataConfig.of("mnist", DataConfig.Split.TEST,
                DataConfig.Transform.UNIT), new NoiseConfig(NOISE, NoiseConfig.Distribution.NORMAL,
                NoiseConfig.Scaling.NONE, bank), Conditioning.NONE, g, d, new Losses.NonSaturating(),
                new OptimizersConfig(new AdamConfig(1e-3, 0.5, 0.999, 1e-8, 0), new SgdConfig(0.1, 0.5, 0)),
                new TrainingConfig(1, samples, batch, 1, 1, false, 1, 0), new OutputConfig(0, 16));
    }

    /** {@code c} with {@code extra} more copies of its discriminator's hidden dense layer and activation. */
    private static ExperimentConfig deeperDiscriminator(ExperimentConfig c, int extra) {
        List<LayerConfig> d = new ArrayList<>(c.discriminator());
        for (int i = 0; i < extra; i++) {
            d.addAll(2, c.discriminator().subList(0, 2));
        }
        return new ExperimentConfig(c.name(), c.description(), c.seed(), c.backend(), c.data(), c.noise(),
                c.conditioning(), c.generator(), d, c.loss(), c.optimizers(), c.training(), c.output());
    }

    private static ArrayDataset data(int samples) {
        return new ArrayDataset(new float[samples * FEATURES], null, FEATURES, 0, 1024);
    }

    private static MemoryEstimate estimate(ExperimentConfig c, ArrayDataset data, Backend b) {
        ModelPlan plan = GanModel.plan(c.generator(), c.discriminator(), NOISE, data.sampleShape(), 0,
                LayerRegistry.discover());
        return MemoryEstimate.of(c, plan, data, 0, LayerRegistry.discover());
    }

    @Test
    void partsAreWhatTheModelHolds() {
        ExperimentConfig c = experiment(200, 500, 100, 50);
        ArrayDataset data = data(1000);
        try (Backend b = ejml()) {
            MemoryEstimate m = estimate(c, data, b);
            Map<String, Long> byPath = new java.util.HashMap<>();
            m.parts().forEach(p -> byPath.merge(p.path() + " " + p.what().split(" ")[0], p.bytes(), Long::sum));
            // G's dense layers with SGD (momentum: one velocity): values, gradient, velocity
            long g0 = NOISE * 200 + 200;
            assertEquals(4 * 3 * g0, byPath.get("$.generator[0] dense"));
            // D's first dense layer with Adam: values, gradient, two moments and a scratch tensor
            long d0 = FEATURES * 200 + 200;
            assertEquals(4 * 5 * d0, byPath.get("$.discriminator[0] dense"));
            assertEquals(8L * 500 * NOISE + 4 * 500, byPath.get("$.noise.bank noise"));
            assertEquals(4L * 1000 * FEATURES, byPath.get("$.data dataset"));
            assertTrue(m.largest().bytes() >= m.parts().get(m.parts().size() - 1).bytes(), "largest first");
            assertEquals(m.parts().stream().mapToLong(MemoryEstimate.Part::bytes).sum(), m.totalBytes());
        }
    }

    /**
     * The estimate against the heap the experiment really takes on EJML (whose tensors are heap
     * arrays): within -25% and +50% (measured here: 89.5 MB estimated, 102.5 MB used), so that
     * refusing at the heap's size is neither reckless nor needlessly strict.
     */
    @Test
    void theEstimateMatchesTheHeapABuiltAndSteppedExperimentUses() {
        ExperimentConfig c = experiment(2000, 2000, 500, 100);
        ArrayDataset data = data(2000);
        try (Backend b = ejml()) {
            MemoryEstimate m = estimate(c, data, b);
            long dataset = m.parts().stream().filter(p -> p.path().equals("$.data")).mapToLong(MemoryEstimate.Part::bytes)
                    .sum();
            long before = usedHeap();
            try (GanExperiment gan = GanExperiment.create(c, data, b)) {
                gan.step();
                long used = usedHeap() - before;
                // the dataset was allocated before; the host copy of the largest layer and a checkpoint's are transient
                long transientCopy = m.parts().stream().filter(p -> p.what().startsWith("a second copy")
                        || p.what().startsWith("a checkpoint")).mapToLong(MemoryEstimate.Part::bytes).sum();
                long expected = m.totalBytes() - dataset - transientCopy;
                assertTrue(used > expected * 3 / 4 && used < expected * 3 / 2, "estimated " + MemoryEstimate.format(expected)
                        + " but the experiment holds " + MemoryEstimate.format(used));
                assertEquals(m, gan.memory());
            }
        }
    }

    @Test
    void anEvaluatedRunCountsTheSamplesEachEvaluationDraws() {
        ExperimentConfig c = experiment(200, 0, 100, 50);
        OutputConfig o = c.output();
        ExperimentConfig evaluated = new ExperimentConfig(c.name(), c.description(), c.seed(), c.backend(), c.data(),
                c.noise(), c.conditioning(), c.generator(), c.discriminator(), c.loss(), c.optimizers(), c.training(),
                new OutputConfig(o.sampleEvery(), o.sampleCount(), o.plotEvery(), o.checkpointEvery(),
                        o.keepCheckpoints(), o.divergence(), 10, 5000));
        try (Backend b = ejml()) {
            MemoryEstimate plain = estimate(c, data(1000), b);
            MemoryEstimate m = estimate(evaluated, data(1000), b);
            long samples = m.parts().stream().filter(p -> p.path().equals("$.output.evaluateSamples"))
                    .mapToLong(MemoryEstimate.Part::bytes).sum();
            assertEquals(4L * 5000 * (2 * NOISE + 2 * FEATURES), samples);
            // and the generator's caches for the 1,000 rows of one sampling pass (5,000 are drawn in chunks)
            // instead of the grid's 16: at least its widest outputs, and no more than for 1,000 rows
            long caches = m.totalBytes() - samples - plain.totalBytes();
            assertTrue(caches >= 4L * (Sampling.CHUNK - 16) * (200 + FEATURES), caches + " bytes of caches");
            MemoryEstimate larger = estimate(withEvaluation(c, 50_000), data(1000), b);
            long largerSamples = larger.parts().stream().filter(p -> p.path().equals("$.output.evaluateSamples"))
                    .mapToLong(MemoryEstimate.Part::bytes).sum();
            assertEquals(caches, larger.totalBytes() - largerSamples - plain.totalBytes(),
                    "ten times the evaluation samples, the same caches: they hold one chunk");
        }
    }

    private static ExperimentConfig withEvaluation(ExperimentConfig c, int samples) {
        OutputConfig o = c.output();
        return new ExperimentConfig(c.name(), c.description(), c.seed(), c.backend(), c.data(), c.noise(),
                c.conditioning(), c.generator(), c.discriminator(), c.loss(), c.optimizers(), c.training(),
                new OutputConfig(o.sampleEvery(), o.sampleCount(), o.plotEvery(), o.checkpointEvery(),
                        o.keepCheckpoints(), o.divergence(), 10, samples));
    }

    @Test
    void anExperimentLargerThanTheHeapIsRefusedAtItsLargestPart() {
        ExperimentConfig c = experiment(100, 0, 100, 50);
        try (Backend b = ejml()) {
            MemoryEstimate m = estimate(c, data(2000), b);
            m.requireFits(m.totalBytes());
            ExperimentException e = assertThrows(ExperimentException.class, () -> m.requireFits(m.totalBytes() - 1));
            assertEquals("$.data", e.path());
            assertEquals("the experiment needs about " + MemoryEstimate.format(m.totalBytes()) + " of memory, but the "
                    + "Java heap may grow to only " + MemoryEstimate.format(m.totalBytes() - 1) + " (-Xmx); the largest "
                    + "part is here: dataset array: 2,000 samples of 784 values, 5.98 MiB", e.problem());
        }
    }

    @Test
    void tensorsTooLargeForAnArrayAreRefusedAtTheirSetting() {
        try (Backend b = ejml()) {
            ExperimentConfig bank = experiment(10, 30_000_000, 100, 50);
            ExperimentException e = assertThrows(ExperimentException.class, () -> estimate(bank, data(200), b));
            assertEquals("$.noise.bank", e.path());
            assertEquals("the noise bank is 30,000,000 × 100 = 3,000,000,000 values, more than the 2,147,483,639 one "
                    + "tensor can hold", e.problem());

            // each layer's weights fit an array, but not a batch of 1,000 of its outputs
            ExperimentConfig wide = experiment(2_500_000, 0, 1000, 1000);
            ExperimentException w = assertThrows(ExperimentException.class, () -> estimate(wide, data(1000), b));
            assertEquals("$.generator[0]", w.path());
            assertEquals("a batch through this layer is 1,000 × 2,500,000 = 2,500,000,000 values, more than the "
                    + "2,147,483,639 one tensor can hold", w.problem());
        }
    }

    @Test
    void anAbsurdExperimentFailsFastInsteadOfRunningOutOfMemory() {
        // 100 × 20,000,000 weights fit one array, but 20,000,000 × 784 do not
        ExperimentConfig c = experiment(20_000_000, 0, 100, 50);
        long started = System.nanoTime();
        try (Backend b = ejml()) {
            ExperimentException e = assertThrows(ExperimentException.class,
                    () -> GanExperiment.create(c, data(200), b));
            assertEquals("$.generator[2]: dense: the weights of 20,000,000 × 784 = 15,680,000,000 values are more than "
                    + "the 2,147,483,639 one tensor can hold", e.getMessage());
        }
        // every tensor fits an array, but each 40,000 × 40,000 layer with Adam's state needs 29.8 GiB,
        // and D has enough of them to exceed this heap, whatever -Xmx the tests run with
        long perLayer = 4L * 5 * (40_000L * 40_000 + 40_000);
        ExperimentConfig big = deeperDiscriminator(experiment(40_000, 0, 100, 50),
                (int) (Runtime.getRuntime().maxMemory() / perLayer) + 1);
        try (Backend b = ejml()) {
            ExperimentException e = assertThrows(ExperimentException.class,
                    () -> GanExperiment.create(big, data(200), b));
            // the first of the equal largest parts: D's second dense layer
            assertTrue(e.getMessage().startsWith("$.discriminator[2]: the experiment needs about "), e.getMessage());
            // a checkpoint holds every layer's values and Adam state, twice while it is written
            assertTrue(e.getMessage().contains("the largest part is here: a checkpoint of "), e.getMessage());
            assertTrue(e.getMessage().contains(" held twice while it is written, or read back on resume, "),
                    e.getMessage());
        }
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused before allocating");
    }

    @Test
    void bytesAreFormattedInBinaryUnits() {
        assertEquals("0 bytes", MemoryEstimate.format(0));
        assertEquals("1023 bytes", MemoryEstimate.format(1023));
        assertEquals("1.00 KiB", MemoryEstimate.format(1024));
        assertEquals("12.3 MiB", MemoryEstimate.format(12_900_000));
        assertEquals("512 MiB", MemoryEstimate.format(512L << 20));
        assertEquals("8.00 EiB", MemoryEstimate.format(Long.MAX_VALUE));
    }

    private static Backend ejml() {
        return Backends.discover().select("ejml").create(Map.of());
    }

    /** Heap in use after garbage collection settles. */
    private static long usedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
