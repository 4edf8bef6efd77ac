package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchIteratorTest {

    private final Backend backend = Backends.discover().create("ejml", Map.of());

    /** Ten one-pixel images whose pixel and label are the sample index. */
    private static LoadedDataset ten() {
        float[] images = new float[10];
        int[] labels = new int[10];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            images[i] = i;
            labels[i] = i;
            names.add("c" + i);
        }
        return LoadedDataset.of("ten", "train", Transform.NONE, 1, 1, images, labels, names, List.of());
    }

    private static int[] next(BatchIterator it, Tensor out, int[] labels) {
        it.next(out, labels);
        float[] pixels = out.toArray();
        for (int k = 0; k < pixels.length; k++) {
            assertEquals(labels[k], (int) pixels[k], "labels travel with their images");
        }
        return labels.clone();
    }

    @Test
    void epochsAreShuffledPermutationsOfFixedSizeBatches() {
        BatchIterator it = new BatchIterator(ten(), 3, new SeededRandom(42));
        assertEquals(3, it.batchesPerEpoch());
        Tensor out = backend.zeros(3, 1);
        int[] labels = new int[3];
        List<int[]> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            int[] seen = new int[9];
            for (int b = 0; b < 3; b++) {
                assertEquals(b == 0 && e > 0 ? 3 : b, it.batch(), "a new epoch starts with its first batch");
                System.arraycopy(next(it, out, labels), 0, seen, 3 * b, 3);
                assertEquals(e, it.epoch());
            }
            assertTrue(it.epochDone());
            int[] perm = it.permutation();
            assertArrayEquals(Arrays.copyOf(perm, 9), seen, "batches follow the epoch's permutation");
            Set<Integer> distinct = new HashSet<>();
            for (int s : seen) {
                distinct.add(s);
            }
            assertEquals(9, distinct.size(), "no sample twice in an epoch");
            epochs.add(perm);
        }
        assertFalse(Arrays.equals(epochs.get(0), epochs.get(1)) && Arrays.equals(epochs.get(1), epochs.get(2)),
                "epochs are reshuffled");
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        int[] a = drain(new BatchIterator(ten(), 2, new SeededRandom(7)), 12);
        int[] b = drain(new BatchIterator(ten(), 2, new SeededRandom(7)), 12);
        int[] c = drain(new BatchIterator(ten(), 2, new SeededRandom(8)), 12);
        assertArrayEquals(a, b);
        assertNotEquals(Arrays.toString(a), Arrays.toString(c));
    }

    @Test
    void restoredStateContinuesIdentically() {
        BatchIterator it = new BatchIterator(ten(), 3, new SeededRandom(1));
        drain(it, 5); // into the second epoch
        BatchIterator.State saved = it.state();
        assertEquals(1, saved.epoch());
        assertEquals(2, saved.batch());
        int[] expected = drain(it, 7);

        BatchIterator other = new BatchIterator(ten(), 3, new SeededRandom(999));
        other.restore(saved);
        assertEquals(saved, other.state());
        assertArrayEquals(expected, drain(other, 7));
    }

    @Test
    void stateIsAValue() {
        BatchIterator.State s = new BatchIterator(ten(), 5, new SeededRandom(3)).state();
        long[] words = s.epochRandomState();
        words[0] ^= 1;
        assertNotEquals(words[0], s.epochRandomState()[0], "the record hands out copies");
        assertEquals(s, new BatchIterator(ten(), 5, new SeededRandom(3)).state());
    }

    @Test
    void rejectsMismatches() {
        assertThrows(IllegalArgumentException.class, () -> new BatchIterator(ten(), 11, new SeededRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new BatchIterator(ten(), 0, new SeededRandom(1)));
        BatchIterator it = new BatchIterator(ten(), 3, new SeededRandom(1));
        assertThrows(IllegalArgumentException.class, () -> it.next(backend.zeros(2, 1), null));
        BatchIterator.State foreign = new BatchIterator(ten(), 2, new SeededRandom(1)).state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> it.restore(foreign));
        assertTrue(e.getMessage().contains("batches of 2"), e.getMessage());
    }

    private int[] drain(BatchIterator it, int batches) {
        Tensor out = backend.zeros(it.batchSize(), 1);
        int[] labels = new int[it.batchSize()];
        int[] all = new int[batches * it.batchSize()];
        for (int b = 0; b < batches; b++) {
            System.arraycopy(next(it, out, labels), 0, all, b * it.batchSize(), it.batchSize());
        }
        return all;
    }
}
