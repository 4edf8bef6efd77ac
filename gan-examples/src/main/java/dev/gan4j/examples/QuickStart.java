package dev.gan4j.examples;

import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.DataConfig;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.config.OptimizersConfig;
import dev.gan4j.core.config.OutputConfig;
import dev.gan4j.core.loss.Losses;
import dev.gan4j.core.nn.ActivationConfigs.Sigmoid;
import dev.gan4j.core.nn.ActivationFunction;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.optim.SgdConfig;
import dev.gan4j.core.run.SampleGrid;
import dev.gan4j.core.train.Conditioning;
import dev.gan4j.core.train.NoiseConfig;
import dev.gan4j.core.train.TrainingConfig;
import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.ExperimentData;
import dev.gan4j.mnist.LoadedDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * gan4j as a library, in a few lines: load the tutorial experiment, train it briefly on the MNIST
 * test split and save 16 generated digits as a PNG.
 *
 * <pre>
 * java -cp gan-examples/target/gan.jar dev.gan4j.examples.QuickStart [EXPERIMENT.json [OUT.png]]
 * </pre>
 *
 * MNIST is looked for in {@code GAN4J_DATA_DIR}, then the user cache (downloaded there if missing).
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) throws IOException {
        Path experiment = Path.of(args.length > 0 ? args[0] : "gan-examples/experiments/seed-tutorial.json");
        Path png = Path.of(args.length > 1 ? args[1] : "quickstart.png");
        run(experiment, List.of("data.split=test", "training.iterations=50"), png, System.out);
        System.out.println("Wrote " + png);
    }

    /** Trains {@code experiment} with {@code overrides} and writes a 4 × 4 grid of samples to {@code png}. */
    public static void run(Path experiment, List<String> overrides, Path png, PrintStream log) throws IOException {
        // 1. the experiment: a JSON file, with --set style overrides (or built in code: see tutorial())
        ExperimentConfig config = ExperimentLoader.create().load(experiment, overrides);

        // 2. its data, with gan-mnist (any dev.gan4j.api.Dataset will do)
        LoadedDataset mnist = ExperimentData.open(config.data(), DataEnvironment.system());

        // 3. train on the best backend found, then sample from the generator
        try (GanExperiment gan = GanExperiment.create(config, mnist)) {
            gan.train((trainer, stats) -> {
                if (stats.iteration() % 10 == 0) {
                    log.printf("iteration %d: d_loss %.4f, g_loss %.4f%n", stats.iteration(), stats.dLoss(),
                            stats.gLoss());
                }
            });
            float[] digits = gan.generate(16, null); // 16 × 784 values in [0, 1]
            SampleGrid.writePng(digits, 16, 28, 28, 4, 0, 1, png);
        }
    }

    /** The tutorial experiment built in code from the same records the JSON binds to. */
    public static ExperimentConfig tutorial() {
        return new ExperimentConfig("seed-tutorial", "", 1, null,
                DataConfig.of("mnist", DataConfig.Split.TRAIN, DataConfig.Transform.ROW_MINMAX),
                new NoiseConfig(100, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.ROW_MINMAX, 60_000),
                Conditioning.NONE,
                List.of(new DenseConfig(784, Initializer.TOOLBOX, true, ActivationFunction.SIGMOID, null)),
                List.of(new DenseConfig(100, Initializer.TOOLBOX, true), new Sigmoid(),
                        new DenseConfig(1, Initializer.TOOLBOX, true, ActivationFunction.SIGMOID, null)),
                new Losses.SquaredError(),
                new OptimizersConfig(new SgdConfig(2, 0.5, 1e-4), new SgdConfig(2, 0.5, 0)),
                new TrainingConfig(1500, 1000, 100, 1, 1, true, 1.0, 0),
                OutputConfig.defaults());
    }
}
