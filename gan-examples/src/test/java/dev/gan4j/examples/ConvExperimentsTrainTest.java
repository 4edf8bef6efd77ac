package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.train.IterationStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The convolutional example experiments (dcgan, dcgan-peer, cdcgan, fashion-dcgan) at full size on real data
 * train on both backends, with the same numbers up to float round-off: the same seed gives the same
 * weights, noise and batches, and three Adam steps (at 2e-4 and 1e-3) amplify nothing. A wrong convolution
 * gradient, a shifted label plane or a backend's missing op fails here at the first iteration.
 * Whether they reach their quality targets takes full-length runs (docs/experiments.md).
 */
class ConvExperimentsTrainTest {

    private static final int ITERATIONS = 3;
    /** Measured here: the largest relative difference over the three iterations was 2.8e-5 (dcgan). */
    private static final double RELATIVE = 1e-3;

    private static List<IterationStats> train(String experiment, String backend, String dataset) {
        List<String> overrides = new ArrayList<>(List.of("backend=" + backend, "data.split=test",
                "training.iterations=" + ITERATIONS));
        if (dataset.equals("mnist")) {
            overrides.add("data.dir=" + TestData.mnistDir());
        }
        ExperimentConfig config = ExperimentLoader.create().load(TestData.experiment(experiment), overrides);
        assertEquals(dataset, config.data().dataset());
        return ExampleExperimentsTrainTest.trainOffline(config);
    }

    private static void trainsAlikeOnBothBackends(String experiment, String dataset) {
        List<IterationStats> ejml = train(experiment, "ejml", dataset);
        List<IterationStats> nd4j = train(experiment, "nd4j", dataset);
        for (int i = 0; i < ITERATIONS; i++) {
            IterationStats e = ejml.get(i);
            IterationStats n = nd4j.get(i);
            String what = experiment + " iteration " + (i + 1) + ": ejml " + e + " vs nd4j " + n;
            double[][] pairs = {{e.dLoss(), n.dLoss()}, {e.gLoss(), n.gLoss()}, {e.dReal(), n.dReal()},
                {e.dFake(), n.dFake()}};
            for (double[] p : pairs) {
                assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]), what);
                assertEquals(p[0], p[1], 1e-6 + RELATIVE * Math.abs(p[0]), what);
            }
        }
        // an untrained D is near chance (2 ln 2 for the BCE pair) and its first steps move it
        assertEquals(2 * Math.log(2), ejml.get(0).dLoss(), 0.35, experiment + ": " + ejml.get(0));
        assertTrue(ejml.get(ITERATIONS - 1).dLoss() != ejml.get(0).dLoss(), experiment + ": D's loss moves");
    }

    @Test
    void dcganTrainsAlikeOnBothBackends() {
        trainsAlikeOnBothBackends("dcgan.json", "mnist");
    }

    @Test
    void dcganPeerTrainsAlikeOnBothBackends() {
        trainsAlikeOnBothBackends("dcgan-peer.json", "mnist");
    }

    @Test
    void cdcganTrainsAlikeOnBothBackends() {
        trainsAlikeOnBothBackends("cdcgan.json", "mnist");
    }

    @Test
    void fashionDcganTrainsAlikeOnBothBackends() {
        TestData.assumeSystemFashionMnist();
        trainsAlikeOnBothBackends("fashion-dcgan.json", "fashion-mnist");
    }
}
