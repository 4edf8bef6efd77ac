package dev.gan4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import dev.gan4j.core.train.TrainerFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointTest {

    @TempDir
    Path dir;

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static double[] figures(IterationStats s) {
        return new double[] {s.iteration(), s.dLoss(), s.gLoss(), s.dReal(), s.dFake()};
    }

    @ParameterizedTest
    @MethodSource("backends")
    void resumingFromACheckpointGivesTheSameNumbersAsAnUninterruptedRun(Backend b) throws IOException {
        List<double[]> straight = new ArrayList<>();
        TrainerFixtures.small(b, 5, 7).run((t, s) -> straight.add(figures(s)));

        List<double[]> resumed = new ArrayList<>();
        AdversarialTrainer first = TrainerFixtures.small(b, 5, 7);
        first.run((t, s) -> {
            resumed.add(figures(s));
            if (s.iteration() == 3) {
                t.requestStop();
            }
        });
        Path file = dir.resolve("ckpt.bin");
        CheckpointFiles.write(Checkpoint.capture(first, "{\"name\":\"x\"}"), file);

        AdversarialTrainer second = TrainerFixtures.small(b, 5, 7);
        Checkpoint loaded = CheckpointFiles.read(file);
        assertEquals(3, loaded.iteration());
        assertEquals("{\"name\":\"x\"}", loaded.experimentJson());
        loaded.restoreInto(second);
        second.run((t, s) -> resumed.add(figures(s)));

        assertEquals(6, straight.size());
        assertEquals(6, resumed.size());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(straight.get(i), resumed.get(i), "iteration " + (i + 1));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void writeThenReadGivesAnEqualCheckpoint(Backend b) throws IOException {
        AdversarialTrainer t = TrainerFixtures.small(b, 1, 7);
        t.step();
        Checkpoint c = Checkpoint.capture(t, null);
        Path file = dir.resolve("c.bin");
        CheckpointFiles.write(c, file);
        assertEquals(c, CheckpointFiles.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void corruptedTruncatedOrForeignFilesAreRefused(Backend b) throws IOException {
        Path file = dir.resolve("c.bin");
        CheckpointFiles.write(Checkpoint.capture(TrainerFixtures.small(b, 1, 7), null), file);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(file, flipped);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFiles.read(file));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());

        Files.write(file, Arrays.copyOf(good, good.length - 100));
        e = assertThrows(CheckpointException.class, () -> CheckpointFiles.read(file));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());

        Files.write(file, Arrays.copyOf(good, 20));
        e = assertThrows(CheckpointException.class, () -> CheckpointFiles.read(file));
        assertTrue(e.getMessage().contains("only 20 bytes"), e.getMessage());

        byte[] foreign = good.clone();
        foreign[0] = 'X';
        Files.write(file, foreign);
        e = assertThrows(CheckpointException.class, () -> CheckpointFiles.read(file));
        assertTrue(e.getMessage().endsWith("not a gan4j checkpoint: bad magic at byte offset 0"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aHeaderThatClaimsMoreDataThanThePayloadIsRefusedBeforeAllocating(Backend b) throws Exception {
        String header = "{\"iteration\":1,\"experiment\":null,\"random\":{},"
                + "\"tensors\":[{\"name\":\"parameter/G.0.weight\",\"shape\":[100000,100000]}]}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(16 + h.length + 8 + 32).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(CheckpointFiles.MAGIC).putInt(1).putInt(h.length).put(h).putFloat(1f).putFloat(2f);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(buf.array(), 0, buf.position());
        buf.put(md.digest());
        Path file = dir.resolve("liar.bin");
        Files.write(file, buf.array());
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFiles.read(file));
        assertTrue(e.getMessage().contains("more than the 2 float values the payload holds"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aCheckpointOfAnotherArchitectureIsRefusedByName(Backend b) throws IOException {
        Path file = dir.resolve("c.bin");
        CheckpointFiles.write(Checkpoint.capture(TrainerFixtures.small(b, 1, 7), null), file);
        AdversarialTrainer wider = TrainerFixtures.small(b, 1, 9);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointFiles.read(file).restoreInto(wider));
        assertEquals("checkpoint belongs to a different architecture: parameter D.0.bias has shape [7] in the "
                + "checkpoint but [9] in the model (and 2 more differences)", e.getMessage());
    }
}
