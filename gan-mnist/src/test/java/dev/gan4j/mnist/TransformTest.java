package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransformTest {

    @Test
    void unitMapsBytesToZeroOne() {
        float[] v = {0, 51, 255};
        Transform.UNIT.applyRow(v, 0, 3);
        assertArrayEquals(new float[] {0f, 0.2f, 1f}, v, 1e-7f);
    }

    @Test
    void symmetricMapsBytesToMinusOneOne() {
        float[] v = {0, 127.5f, 255};
        Transform.SYMMETRIC.applyRow(v, 0, 3);
        assertArrayEquals(new float[] {-1f, 0f, 1f}, v, 1e-7f);
    }

    @Test
    void rowMinMaxScalesEachImageOnItsOwn() {
        float[] v = {10, 20, 30, /* second image */ 5, 5, 105, /* third: constant */ 7, 7, 7};
        for (int i = 0; i < 3; i++) {
            Transform.ROW_MINMAX.applyRow(v, 3 * i, 3);
        }
        assertArrayEquals(new float[] {0f, 0.5f, 1f, 0f, 0f, 1f, 0f, 0f, 0f}, v, 1e-7f);
    }

    @Test
    void noneKeepsValuesAndOnlyTheGivenRowChanges() {
        float[] v = {-3.5f, 1e6f, 255f, 255f};
        Transform.NONE.applyRow(v, 0, 4);
        assertArrayEquals(new float[] {-3.5f, 1e6f, 255f, 255f}, v);
        Transform.UNIT.applyRow(v, 2, 1);
        assertArrayEquals(new float[] {-3.5f, 1e6f, 1f, 255f}, v);
    }

    @Test
    void toPixelInvertsEveryByteExactly() {
        for (Transform t : new Transform[] {Transform.UNIT, Transform.SYMMETRIC, Transform.NONE}) {
            for (int b = 0; b <= 255; b++) {
                float[] v = {b};
                t.applyRow(v, 0, 1);
                assertEquals(b, t.toPixel(v[0]), t + " " + b);
            }
        }
        assertEquals(255, Transform.ROW_MINMAX.toPixel(1f));
        assertEquals(0, Transform.UNIT.toPixel(-0.3f), "clamped below");
        assertEquals(255, Transform.SYMMETRIC.toPixel(7f), "clamped above");
        assertThrows(IllegalArgumentException.class, () -> Transform.UNIT.toPixel(Float.NaN));
    }

    @Test
    void jsonNames() {
        for (Transform t : Transform.values()) {
            assertEquals(t, Transform.fromName(t.jsonName()));
            assertEquals(t, Transform.fromName(" " + t.jsonName().toUpperCase() + " "));
        }
        assertEquals("row-minmax", Transform.ROW_MINMAX.jsonName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transform.fromName("tanh"));
        assertTrue(e.getMessage().contains("'tanh'") && e.getMessage().contains("none, unit, symmetric, row-minmax"),
                e.getMessage());
    }

    @Test
    void rangesDescribeTheOutput() {
        assertEquals(-1f, Transform.SYMMETRIC.lower());
        assertEquals(1f, Transform.UNIT.upper());
        assertEquals(0f, Transform.ROW_MINMAX.lower());
    }
}
