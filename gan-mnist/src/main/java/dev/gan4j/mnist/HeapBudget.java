package dev.gan4j.mnist;

import java.util.Locale;

/**
 * Checks, before a large array is allocated, that the Java heap can still take it, so that an
 * oversized or hostile data file (a gzip IDX "bomb", a PNG declaring 46340×46340 pixels) ends in a
 * {@link DataLoadException} naming the file rather than an {@link OutOfMemoryError}.
 */
final class HeapBudget {

    private HeapBudget() {
    }

    /**
     * @param bytes what the allocation needs
     * @param what names what would be allocated, e.g. {@code "an IDX array of 2700000×28×28 unsigned bytes as floats"}
     * @throws DataLoadException if the heap cannot take {@code bytes} more, even after a collection
     */
    static void require(long bytes, String what) {
        long free = free();
        if (bytes <= free) {
            return;
        }
        // what looks used may be garbage from reading the file; one collection tells for sure, and it
        // happens once per refusal, never in a training loop
        System.gc();
        free = free();
        if (bytes > free) {
            throw new DataLoadException(what + " would need " + human(bytes) + " of memory, but the Java heap has "
                    + human(free) + " free (of " + human(Runtime.getRuntime().maxMemory()) + "); raise the heap "
                    + "(GAN4J_JAVA_OPTS=-Xmx8g for the gan command, -Xmx for java) or use a smaller file");
        }
    }

    /** Bytes the heap can still grow into: its maximum less what is in use now. */
    static long free() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
