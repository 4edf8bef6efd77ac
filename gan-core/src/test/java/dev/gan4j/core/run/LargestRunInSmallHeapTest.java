package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.MemoryEstimate;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.train.ArrayDataset;
import dev.gan4j.core.train.GanModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that the memory estimate accepts does not run out of memory: the largest generator the
 * estimate lets into a small heap trains, checkpoints (the serialisation buffers) and resumes
 * (reading a checkpoint back) in a child JVM with that heap.
 */
class LargestRunInSmallHeapTest {

    private static final String HEAP = "-Xmx96m";

    @TempDir
    Path dir;

    @Test
    void theLargestAcceptedModelTrainsCheckpointsAndResumes() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), HEAP, "--add-modules=jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), TrainLargest.class.getName(), dir.resolve("run").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("trained, checkpointed and resumed"), output);
    }

    /** The experiment with a hidden generator layer of {@code units}, Adam on both networks. */
    static ExperimentConfig experiment(int units, int iterations) {
        return RunFixtures.config(RunFixtures.SMALL.replace("\"generator\": [", "\"generator\": [{\"type\": \"dense\", "
                + "\"units\": " + units + "}, {\"type\": \"relu\"}, ")
                .replace("\"type\": \"sgd\", \"learningRate\": 0.5, \"momentum\": 0.5, \"l2\": 1e-4", "\"type\": \"adam\", \"learningRate\": 0.001")
                .replace("\"iterations\": 12", "\"iterations\": " + iterations)
                .replace("\"checkpointEvery\": 4", "\"checkpointEvery\": 2"));
    }

    /** In the child JVM: finds the largest accepted model, trains it into {@code args[0]} and resumes it. */
    static final class TrainLargest {
        public static void main(String[] args) throws Exception {
            ArrayDataset data = RunFixtures.data();
            long heap = Runtime.getRuntime().maxMemory();
            int lo = 1;
            int hi = 1 << 22;
            while (lo < hi) {
                int mid = (int) ((lo + (long) hi + 1) / 2);
                ExperimentConfig c = experiment(mid, 4);
                var plan = GanModel.plan(c.generator(), c.discriminator(), c.noise().dim(), data.sampleShape(), 0,
                        LayerRegistry.discover());
                if (MemoryEstimate.of(c, plan, data, 0, LayerRegistry.discover()).totalBytes() <= heap) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            System.out.printf("largest accepted hidden layer: %,d units in a heap of %s%n", lo,
                    MemoryEstimate.format(heap));
            Path dir = Path.of(args[0]);
            try (Backend b = Backends.discover().select("ejml").create(Map.of())) {
                try (GanExperiment gan = GanExperiment.create(experiment(lo, 4), data, b)) {
                    new TrainingRun(gan, RunDirectory.createAt(dir), List.of(RunFixtures.FILE), List.of()).run(null);
                }
                try (GanExperiment gan = GanExperiment.create(experiment(lo, 6), data, b)) {
                    TrainingRun.resume(gan, RunDirectory.open(dir), List.of(RunFixtures.FILE), List.of()).run(null);
                }
            }
            System.out.println("trained, checkpointed and resumed");
        }
    }
}
