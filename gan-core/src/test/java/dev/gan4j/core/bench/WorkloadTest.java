package dev.gan4j.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Parameter;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark workloads are the peer script's networks and schedules, and they run. */
class WorkloadTest {

    private static List<String> shapes(List<Parameter> parameters) {
        return parameters.stream().map(p -> p.id() + Arrays.toString(p.value().shape())).toList();
    }

    @Test
    void seedIsTheTutorialsNetworksAndSchedule() {
        Backend b = TestBackends.any();
        AdversarialTrainer t = Workload.SEED.trainer(b, 1);
        assertEquals(List.of("G.0.weight[100, 784]", "G.0.bias[784]"), shapes(t.model().generator().parameters()));
        assertEquals(List.of("D.0.weight[784, 100]", "D.0.bias[100]", "D.2.weight[100, 1]", "D.2.bias[1]"),
                shapes(t.model().discriminator().parameters()));
        assertEquals(1000, t.config().samplesPerIteration());
        assertEquals(100, t.config().batchSize());
        assertTrue(t.config().mixBatches());
        assertEquals(1, t.config().discriminatorSteps());
    }

    @Test
    void mlpIsTheModernMlpGan() {
        Backend b = TestBackends.any();
        AdversarialTrainer t = Workload.MLP.trainer(b, 1);
        assertEquals(List.of("G.0.weight[100, 256]", "G.0.bias[256]", "G.2.weight[256, 512]", "G.2.bias[512]",
                "G.4.weight[512, 1024]", "G.4.bias[1024]", "G.6.weight[1024, 784]", "G.6.bias[784]"),
                shapes(t.model().generator().parameters()));
        assertEquals(List.of("D.0.weight[784, 512]", "D.0.bias[512]", "D.2.weight[512, 256]", "D.2.bias[256]",
                "D.4.weight[256, 1]", "D.4.bias[1]"), shapes(t.model().discriminator().parameters()));
        assertEquals(64, t.config().samplesPerIteration());
        assertEquals(64, t.config().batchSize());
        assertEquals(false, t.config().mixBatches());
    }

    @Test
    void dcganIsThePeersConvolutionalGan() {
        Backend b = TestBackends.any();
        AdversarialTrainer t = Workload.DCGAN.trainer(b, 1);
        assertEquals(List.of("G.0.weight[100, 6272]", "G.0.bias[6272]", "G.2.gamma[128]", "G.2.beta[128]",
                "G.2.runningMean[128]", "G.2.runningVar[128]", "G.4.weight[128, 64, 4, 4]", "G.4.bias[64]",
                "G.5.gamma[64]", "G.5.beta[64]", "G.5.runningMean[64]", "G.5.runningVar[64]",
                "G.7.weight[64, 1, 4, 4]", "G.7.bias[1]"), shapes(t.model().generator().parameters()));
        assertEquals(List.of("D.1.weight[64, 1, 4, 4]", "D.1.bias[64]", "D.3.weight[128, 64, 4, 4]", "D.3.bias[128]",
                "D.4.gamma[128]", "D.4.beta[128]",
                "D.4.runningMean[128]", "D.4.runningVar[128]", "D.7.weight[6272, 1]", "D.7.bias[1]"),
                shapes(t.model().discriminator().parameters()));
        assertEquals(List.of(1, 28, 28), Arrays.stream(t.model().generator().outputShape()).boxed().toList());
        assertEquals(64, t.config().samplesPerIteration());
        assertEquals(64, t.config().batchSize());
        assertEquals(false, t.config().mixBatches());
    }

    @Test
    void benchTimesEveryRepeatAndTakesTheMedian() {
        BenchResult r = Bench.run(Workload.MLP, TestBackends.any(), 2, 1, 3, 7);
        assertEquals("mlp", r.workload());
        assertEquals(3, r.repeatSeconds().length);
        assertTrue(r.secondsPerIteration() > 0);
        double[] sorted = r.repeatSeconds();
        Arrays.sort(sorted);
        assertEquals(sorted[1], r.secondsPerIteration());
        assertTrue(r.cpuSecondsPerIteration() > 0 || Double.isNaN(r.cpuSecondsPerIteration()));
        assertEquals(r.settings(), TestBackends.any().settings());
        assertThrows(IllegalArgumentException.class, () -> Bench.run(Workload.MLP, TestBackends.any(), 0, 1, 1, 7));
    }

    @Test
    void medianOfAnEvenCountAveragesTheMiddleTwo() {
        assertEquals(2.5, BenchResult.median(new double[] {4, 1, 3, 2}));
        assertEquals(3.0, BenchResult.median(new double[] {5, 3, 1}));
    }

    @Test
    void everyWorkloadTrainsAndStaysFinite() {
        for (Workload w : Workload.values()) {
            IterationStats stats = w.trainer(TestBackends.any(), 3).step();
            assertTrue(Double.isFinite(stats.dLoss()) && Double.isFinite(stats.gLoss()), w + " " + stats);
        }
    }

    @Test
    void workloadsAreFoundByNameAndUnknownNamesListTheKnownOnes() {
        assertEquals(Workload.SEED, Workload.of(" Seed "));
        assertEquals(Workload.MLP, Workload.of("mlp"));
        assertEquals(Workload.DCGAN, Workload.of("DCGAN"));
        var e = assertThrows(IllegalArgumentException.class, () -> Workload.of("wgan"));
        assertTrue(e.getMessage().contains("[seed, mlp, dcgan]"), e.getMessage());
    }
}
