package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data pipeline filling real backend tensors (EJML, found through ServiceLoader). */
class BackendGatherTest {

    @Test
    void batchesOfTheSharedTestSplitLandInBackendTensors() {
        LoadedDataset data = DataLoader.load(DataRequest.of("mnist", "test", Transform.SYMMETRIC)
                .withDir(SharedMnist.dir()), DataEnvironment.system().withVariable(DataEnvironment.OFFLINE, "1"));
        try (Backend backend = Backends.discover().create("ejml", Map.of())) {
            Tensor batch = backend.zeros(100, 1, 28, 28);
            int[] labels = new int[100];
            BatchIterator it = new BatchIterator(data, 100, new SeededRandom(5).fork("batches"));
            assertEquals(100, it.batchesPerEpoch());
            int[] histogram = new int[10];
            float[] expected = new float[784];
            float[] actual = new float[batch.size()];
            for (int b = 0; b < it.batchesPerEpoch(); b++) {
                int[] order = it.permutation();
                it.next(batch, labels);
                batch.toArray(actual);
                for (int k = 0; k < 100; k += 33) {
                    data.copyImage(order[b * 100 + k], expected, 0);
                    assertArrayEquals(expected, Arrays.copyOfRange(actual, k * 784, (k + 1) * 784));
                    assertEquals(data.label(order[b * 100 + k]), labels[k]);
                }
                for (int l : labels) {
                    histogram[l]++;
                }
            }
            assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, histogram,
                    "one epoch of batches covers the whole split once");
            assertEquals(-1f, batch.getFlat(0), "a corner pixel of a digit is background: -1 after the symmetric "
                    + "transform");
        }
    }
}
