package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.train.IterationStats;
import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.ExperimentData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A short run of each example experiment of issue 5, at full size on the real MNIST test split,
 * checking that both networks learn, in the order adversarial training makes them: the
 * discriminator (or critic) first learns to tell real digits from the untrained generator's
 * output, so its loss falls from its chance value; then the generator learns to fool it and wins
 * back at least half of that fall. Long runs, and the quality they reach, are in the README.
 */
class ExampleExperimentsTrainTest {

    /** Iterations per run: long enough to see both phases, short enough for a unit test. */
    static final int ITERATIONS = 40;
    /** Iterations averaged at the end of the run, to smooth mini-batch noise. */
    static final int WINDOW = 5;

    /** Trains {@code config} offline (no download, no home directory) and returns every iteration's statistics. */
    static List<IterationStats> trainOffline(ExperimentConfig config) {
        DataEnvironment offline = DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
        List<IterationStats> stats = new ArrayList<>();
        try (GanExperiment run = GanExperiment.create(config, ExperimentData.open(config.data(), offline))) {
            run.train((trainer, s) -> stats.add(s));
        }
        assertEquals(config.training().iterations(), stats.size());
        return stats;
    }

    static List<IterationStats> train(String experiment) {
        ExperimentConfig config = ExperimentLoader.create().load(Path.of("experiments", experiment),
                List.of("data.split=test", "data.dir=" + TestData.mnistDir(), "training.iterations=" + ITERATIONS));
        List<IterationStats> stats = trainOffline(config);
        for (IterationStats s : stats) {
            assertTrue(Double.isFinite(s.dLoss()) && Double.isFinite(s.gLoss()), experiment + ": finite losses " + s);
        }
        return stats;
    }

    /**
     * @param chance D's loss when it cannot tell real from generated: 2·ln 2 for BCE, 0 for the
     *     Wasserstein critic
     * @param learned how far below chance D's loss must fall
     */
    static void discriminatorLearnsThenGeneratorCatchesUp(String experiment, double chance, double learned) {
        List<IterationStats> stats = train(experiment);
        int n = stats.size();
        double[] d = stats.stream().mapToDouble(IterationStats::dLoss).toArray();
        int best = 0;
        for (int i = 1; i < n; i++) {
            best = d[i] < d[best] ? i : best;
        }
        double last = java.util.Arrays.stream(d, n - WINDOW, n).average().orElseThrow();
        String what = experiment + ": d_loss " + d[0] + " at iteration 1, lowest " + d[best] + " at iteration "
                + (best + 1) + ", mean of the last " + WINDOW + " " + last + " (chance " + chance + ")";
        // Iteration 1 already holds D's first steps (five for the WGAN critic, whose loss has no
        // fixed scale), so "at chance" means near it next to how far D gets, or within 0.1.
        assertEquals(chance, d[0], Math.max(0.1, 0.5 * Math.abs(chance - d[best])), what
                + ": an untrained D is at chance");
        assertTrue(d[best] < chance - learned, what + ": D learns to separate real from generated");
        assertTrue(best < n - WINDOW, what + ": D's lead peaks before the end");
        assertTrue(last - d[best] > 0.5 * (chance - d[best]), what + ": G wins back at least half of D's lead");
        // G may briefly fool D once it catches up, but not on average over the run
        double gap = stats.stream().mapToDouble(s -> s.dReal() - s.dFake()).average().orElseThrow();
        assertTrue(gap > 0, experiment + ": mean D(real) - D(fake) over the run is " + gap);
    }

    @Test
    void mlpGanDiscriminatorLearnsThenGeneratorCatchesUp() {
        discriminatorLearnsThenGeneratorCatchesUp("mlp-gan.json", 2 * Math.log(2), 0.15);
    }

    @Test
    void cganDiscriminatorLearnsThenGeneratorCatchesUp() {
        discriminatorLearnsThenGeneratorCatchesUp("cgan.json", 2 * Math.log(2), 0.15);
    }

    /** The critic's loss is {@code E[C(fake)] − E[C(real)]}: minus the Wasserstein estimate. */
    @Test
    void wganCriticLearnsThenGeneratorCatchesUp() {
        discriminatorLearnsThenGeneratorCatchesUp("wgan.json", 0, 0.3);
    }
}
