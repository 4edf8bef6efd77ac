package dev.gan4j.spark;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.sweep.TrialTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Short trials of the tutorial experiment on the MNIST test split, for the Spark tests: a few
 * iterations of a few samples, evaluated and checkpointed every {@link #RUNG} iterations.
 */
final class TinyTrials {
    private TinyTrials() {
    }

    /** Iterations of the first rung; the experiment trains two. */
    static final int RUNG = 20;

    /** The tutorial experiment, shortened, with the generator's learning rate {@code rate}. */
    static String experiment(double rate) {
        Path tutorial = Path.of("..", "gan-examples", "experiments", "seed-tutorial.json");
        if (!Files.isRegularFile(tutorial)) {
            fail("tests run from the gan-spark module directory; " + tutorial.toAbsolutePath() + " is missing");
        }
        ExperimentLoader loader = ExperimentLoader.create();
        return loader.toJson(loader.load(tutorial, List.of("data.split=test", "data.dir=" + mnistDir(),
                "training.iterations=" + 2 * RUNG, "training.samplesPerIteration=200",
                "optimizers.generator.learningRate=" + rate, "output.evaluateEvery=" + RUNG,
                "output.evaluateSamples=200", "output.checkpointEvery=" + RUNG / 2, "output.sampleEvery=" + RUNG,
                "output.plotEvery=0")));
    }

    /** Tasks for {@code count} trials (learning rates 1, 2, 3…) to {@code iterations}, under {@code root}. */
    static List<TrialTask> tasks(int count, int rung, long iterations, Path root) {
        return tasks(count, rung, iterations, root.toString());
    }

    /**
     * Tasks for {@code count} trials (learning rates 1, 2, 3…) to {@code iterations}, under
     * {@code root}, a path or URI string without a trailing slash.
     */
    static List<TrialTask> tasks(int count, int rung, long iterations, String root) {
        List<TrialTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("t%03d", i);
            tasks.add(new TrialTask(id, rung, iterations, experiment(1 + i), root + "/" + id));
        }
        return tasks;
    }

    /** {@code dir} as a {@code file:///} URI without a trailing slash, as a Hadoop filesystem sees it. */
    static String uri(Path dir) {
        String u = dir.toUri().toString();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /**
     * {@code GAN4J_DATA_DIR}, else {@code shared/datasets/mnist} beside the repository or a
     * directory above it (git worktrees); fails the test with directions if neither has the files.
     */
    static Path mnistDir() {
        String images = "t10k-images-idx3-ubyte.gz";
        String env = System.getenv("GAN4J_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolve("shared/datasets/mnist");
            if (Files.isRegularFile(dir.resolve(images))) {
                return dir;
            }
        }
        return fail("the MNIST test split (" + images + ") was not found: set GAN4J_DATA_DIR to the directory "
                + "holding it");
    }
}
