package dev.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.core.train.IterationStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {

    @TempDir
    Path tmp;

    private Path write(int iterations) throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            for (int i = 1; i <= iterations; i++) {
                log.append(new IterationStats(i, 0.1 * i, 0.2 * i, 0.5, 0.25, 0.01));
            }
            log.sync();
        }
        return file;
    }

    @Test
    void readsTrainingLinesAndEvaluationFiguresFlatOrNested() throws Exception {
        Path file = write(3);
        Files.writeString(file, "{\"iteration\":3,\"evaluation\":{\"frechetDistance\":31.5,\"histogram\":[1,2]}}\n"
                + "{\"iteration\":3,\"classifierScore\":7.25}\n", StandardOpenOption.APPEND);
        MetricsHistory h = MetricsFile.read(file);
        assertEquals(3, h.size());
        assertEquals(3, h.lastIteration());
        assertEquals(0.6000000000000001, h.gLoss(2));
        assertEquals(Map.of("frechetDistance", 31.5, "classifierScore", 7.25), h.latestEvaluation());
        assertEquals(3, h.evaluations().get("frechetDistance").iteration(0));
    }

    @Test
    void nullIsNaNAndAPartialLastLineIsIgnored() throws Exception {
        Path file = write(2);
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(new IterationStats(3, Double.NaN, Double.POSITIVE_INFINITY, 0.5, 0.5, 0.01));
        }
        assertTrue(Files.readString(file).contains("{\"iteration\":3,\"d_loss\":null,\"g_loss\":null,"));
        Files.writeString(file, "{\"iteration\":4,\"d_lo", StandardOpenOption.APPEND);
        MetricsHistory h = MetricsFile.read(file);
        assertEquals(3, h.size());
        assertTrue(Double.isNaN(h.dLoss(2)) && Double.isNaN(h.gLoss(2)));
    }

    @Test
    void truncateAfterCutsLaterLinesAndAPartialOne() throws Exception {
        Path file = write(6);
        Files.writeString(file, "{\"iteration\":6,\"fid\":3}\n{\"iteration\":7,\"d_lo", StandardOpenOption.APPEND);
        assertEquals(4, MetricsFile.truncateAfter(file, 4));
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).startsWith("{\"iteration\":4,"));
        assertTrue(Files.readString(file).endsWith("}\n"));
        assertEquals(4, MetricsFile.truncateAfter(file, 10), "nothing after 10: unchanged");
        assertEquals(4, Files.readAllLines(file).size());
        assertEquals(0, MetricsFile.truncateAfter(tmp.resolve("absent.jsonl"), 3));
    }

    @Test
    void aDamagedLineInTheMiddleIsAnErrorNamingItsLineAndOffset() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        String first = "{\"iteration\":1,\"d_loss\":1,\"g_loss\":1,\"d_real\":1,\"d_fake\":1,\"seconds\":1}\n";
        Files.writeString(file, first + "garbage\n" + first.replace(":1,\"d", ":2,\"d"));
        RunException e = assertThrows(RunException.class, () -> MetricsFile.read(file));
        assertEquals(file + ": line 2 (byte offset " + first.length() + ") is not valid JSON: Unrecognized token "
                + "'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                e.getMessage());
        Files.writeString(file, first + "{\"no\":\"iteration\"}\n");
        e = assertThrows(RunException.class, () -> MetricsFile.truncateAfter(file, 5));
        assertTrue(e.getMessage().endsWith("line 2 (byte offset " + first.length() + ") is not a metrics object with a "
                + "non-negative \"iteration\""), e.getMessage());
        Files.writeString(file, first + first);
        e = assertThrows(RunException.class, () -> MetricsFile.read(file));
        assertTrue(e.getMessage().contains("line 2 has iteration 1 after iteration 1"), e.getMessage());
    }

    @Test
    void aTailFollowsTheFileAsItGrows() throws Exception {
        Path file = write(2);
        MetricsFile.Tail tail = new MetricsFile.Tail(file);
        MetricsHistory h = new MetricsHistory();
        assertTrue(tail.poll(h));
        assertEquals(2, h.size());
        assertFalse(tail.poll(h));
        Files.writeString(file, "{\"iteration\":3,\"d_loss\":1,\"g_loss\":1,\"d_real\":1,\"d_fa",
                StandardOpenOption.APPEND);
        assertFalse(tail.poll(h), "a line being written is left for the next poll");
        Files.writeString(file, "ke\":1,\"seconds\":1}\n", StandardOpenOption.APPEND);
        assertTrue(tail.poll(h));
        assertEquals(3, h.lastIteration());
    }

    @Test
    void historyTruncatesAndCopies() {
        MetricsHistory h = new MetricsHistory();
        for (int i = 1; i <= 100; i++) {
            h.add(i, i, i, 0, 0);
            if (i % 10 == 0) {
                h.addEvaluation(i, "fid", 100 - i);
            }
        }
        MetricsHistory copy = h.copy();
        h.truncate(55);
        assertEquals(55, h.lastIteration());
        assertEquals(5, h.evaluations().get("fid").size());
        assertEquals(100, copy.lastIteration());
        assertEquals(10, copy.evaluations().get("fid").size());
        assertThrows(IllegalArgumentException.class, () -> h.add(55, 0, 0, 0, 0));
    }
}
