package dev.gan4j.testkit;

import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparisons whose failure names the first differing element by its coordinates. */
final class Comparisons {

    private Comparisons() {
    }

    /** {@code actual} equals {@code expected} element for element (±0 alike, NaN equal to NaN). */
    static void same(String what, int[] shape, float[] expected, float[] actual) {
        close(what, shape, expected, actual, 0, 0);
    }

    /** Every element within {@code absolute + relative·max(|expected|, |actual|)}. */
    static void close(String what, int[] shape, float[] expected, float[] actual, double absolute, double relative) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " elements, expected " + expected.length);
        }
        int first = -1;
        int count = 0;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean equal = e == a || (Float.isNaN(e) && Float.isNaN(a))
                    || Math.abs((double) e - a) <= absolute + relative * Math.max(Math.abs(e), Math.abs(a));
            if (!equal) {
                count++;
                first = first < 0 ? i : first;
            }
        }
        if (count > 0) {
            fail(what + ": element " + Probes.index(first, shape) + " is " + actual[first] + ", expected "
                    + expected[first] + (absolute == 0 && relative == 0 ? "" : " within " + absolute + " + "
                    + relative + "·|value|") + " (" + count + " of " + expected.length + " elements differ)");
        }
    }
}
