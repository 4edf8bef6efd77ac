package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadedDatasetTest {

    private final Backend backend = Backends.discover().create("ejml", Map.of());

    /** Five 2×3 images; pixel p of image k is 10k + p. Labels k % 3. */
    static LoadedDataset five(boolean labelled) {
        float[] images = new float[5 * 6];
        int[] labels = new int[5];
        for (int k = 0; k < 5; k++) {
            for (int p = 0; p < 6; p++) {
                images[k * 6 + p] = 10 * k + p;
            }
            labels[k] = k % 3;
        }
        return LoadedDataset.of("toy", "train", Transform.NONE, 2, 3, images, labelled ? labels : null,
                List.of("a", "b", "c"), List.of());
    }

    @Test
    void describesItself() {
        LoadedDataset d = five(true);
        assertEquals("toy/train", d.name());
        assertEquals(5, d.size());
        assertArrayEquals(new int[] {1, 2, 3}, d.sampleShape());
        assertArrayEquals(new int[] {1, 2, 3}, d.imageShape());
        assertEquals(3, d.classCount());
        assertEquals(List.of("a", "b", "c"), d.classNames());
        assertEquals(0, five(false).classCount());
        assertEquals(List.of(), five(false).classNames());
        assertEquals(new DataProvenance("toy", "train", "none", 5, List.of()), d.provenance());
    }

    @Test
    void gatherCopiesTheRequestedRowsAndLabels() {
        LoadedDataset d = five(true);
        Tensor out = backend.zeros(3, 6);
        int[] labels = new int[4];
        d.gather(new int[] {9, 4, 0, 2, 9}, 1, out, labels);
        assertArrayEquals(new float[] {40, 41, 42, 43, 44, 45, 0, 1, 2, 3, 4, 5, 20, 21, 22, 23, 24, 25},
                out.toArray());
        assertArrayEquals(new int[] {1, 0, 2, 0}, labels, "three labels written, the fourth slot untouched");
    }

    @Test
    void gatherAcceptsImageShapedTensors() {
        LoadedDataset d = five(false);
        Tensor out = backend.zeros(2, 1, 2, 3);
        d.gather(new int[] {3, 1}, 0, out, null);
        assertArrayEquals(new float[] {30, 31, 32, 33, 34, 35, 10, 11, 12, 13, 14, 15}, out.toArray());
    }

    @Test
    void gatherRejectsBadRequestsWithoutWriting() {
        LoadedDataset d = five(true);
        Tensor out = backend.zeros(2, 6);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> d.gather(new int[] {0, 1}, 0, backend.zeros(2, 5), null));
        assertTrue(shape.getMessage().contains("6 values per row"), shape.getMessage());
        IndexOutOfBoundsException bad = assertThrows(IndexOutOfBoundsException.class,
                () -> d.gather(new int[] {1, 5}, 0, out, null));
        assertTrue(bad.getMessage().contains("sample index 5 at indices[1]"), bad.getMessage());
        assertArrayEquals(new float[12], out.toArray(), "nothing written");
        assertThrows(IndexOutOfBoundsException.class, () -> d.gather(new int[] {1, 2}, 1, out, null));
        assertThrows(IllegalStateException.class, () -> five(false).gather(new int[] {1, 2}, 0, out, new int[2]));
        assertThrows(IllegalArgumentException.class, () -> d.gather(new int[] {1, 2}, 0, out, new int[1]));
    }

    @Test
    void gatherAllocatesNothingPerCall() {
        LoadedDataset d = five(true);
        Tensor out = backend.zeros(4, 6);
        int[] indices = {4, 3, 2, 1, 0};
        int[] labels = new int[4];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) { // warm up so the JIT has compiled gather
            d.gather(indices, i % 2, out, labels);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            d.gather(indices, i % 2, out, labels);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 10_000, "10,000 gathers allocated " + allocated + " bytes");
    }

    @Test
    void ofValidates() {
        assertThrows(IllegalArgumentException.class, () -> LoadedDataset.of("x", "t", Transform.UNIT, 2, 2,
                new float[7], null, List.of(), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadedDataset.of("x", "t",
                Transform.UNIT, 2, 2, new float[8], new int[] {0, 3}, List.of("a", "b"), List.of()));
        assertTrue(e.getMessage().contains("label 3 at index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoadedDataset.of("x", "t", Transform.UNIT, 2, 2,
                new float[8], new int[] {0}, List.of("a"), List.of()));
    }

    @Test
    void copyImageAndLabel() {
        LoadedDataset d = five(true);
        float[] dst = new float[8];
        d.copyImage(2, dst, 1);
        assertArrayEquals(new float[] {0, 20, 21, 22, 23, 24, 25, 0}, dst);
        assertEquals(1, d.label(4));
        assertThrows(IllegalStateException.class, () -> five(false).label(0));
    }
}
