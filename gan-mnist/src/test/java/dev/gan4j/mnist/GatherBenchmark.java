package dev.gan4j.mnist;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: times the two ways of filling a batch tensor from an in-memory dataset, to back
 * the choice made in {@link LoadedDataset#gather}. Run after {@code mvn -pl gan-mnist -am
 * test-compile} with the test classpath, e.g.
 * {@code java -cp <test classpath> dev.gan4j.mnist.GatherBenchmark [backend] [mnist dir]}.
 * <ul>
 *   <li>staging: rows copied into a reused float[], then one {@link Tensor#copyFrom};
 *   <li>resident: the whole dataset uploaded once as a tensor, then {@code Backend.gatherRows}.
 * </ul>
 */
public final class GatherBenchmark {

    private GatherBenchmark() {
    }

    public static void main(String[] args) {
        String backendName = args.length > 0 ? args[0] : "ejml";
        Path dir = Path.of(args.length > 1 ? args[1] : "../shared/datasets/mnist");
        LoadedDataset data = DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT).withDir(dir),
                DataEnvironment.system().withVariable(DataEnvironment.OFFLINE, "1"));
        try (Backend backend = Backends.discover().create(backendName, Map.of())) {
            float[] all = new float[data.size() * data.pixels()];
            for (int i = 0; i < data.size(); i++) {
                data.copyImage(i, all, i * data.pixels());
            }
            Tensor resident = backend.fromArray(all, data.size(), data.pixels());
            int[] indices = new SeededRandom(1).permutation(data.size());
            for (int batch : new int[] {100, 1000}) {
                Tensor out = backend.zeros(batch, data.pixels());
                int[] labels = new int[batch];
                int steps = data.size() / batch;
                for (int round = 0; round < 3; round++) { // the first rounds warm up the JIT
                    long t0 = System.nanoTime();
                    int reps = 0;
                    while (System.nanoTime() - t0 < 1_000_000_000L) {
                        for (int s = 0; s < steps; s++) {
                            data.gather(indices, s * batch, out, labels);
                        }
                        reps += steps;
                    }
                    double staging = (System.nanoTime() - t0) / 1e3 / reps;
                    long t1 = System.nanoTime();
                    int reps2 = 0;
                    while (System.nanoTime() - t1 < 1_000_000_000L) {
                        for (int s = 0; s < steps; s++) {
                            backend.gatherRows(resident, indices, s * batch, out);
                        }
                        reps2 += steps;
                    }
                    double gatherRows = (System.nanoTime() - t1) / 1e3 / reps2;
                    System.out.printf(Locale.ROOT, "%s batch %4d×%d round %d: staging+copyFrom %8.1f µs, "
                            + "resident+gatherRows %8.1f µs%n", backend.name(), batch, data.pixels(), round, staging,
                            gatherRows);
                }
            }
        }
    }
}
