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

    /** A checkpoint file with {@code header} and {@code floats} zero values, sealed with a correct checksum. */
    private Path sealed(String header, int floats) throws Exception {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(16 + h.length + 4 * floats + 32).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(CheckpointFiles.MAGIC).putInt(1).putInt(h.length).put(h).position(16 + h.length + 4 * floats);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(buf.array(), 0, buf.position());
        buf.put(md.digest());
        Path file = dir.resolve("sealed.bin");
        Files.write(file, buf.array());
        return file;
    }

    @org.junit.jupiter.api.Test
    void headersThatLieAreRefusedEvenWithAValidChecksum() throws Exception {
        String tensor = "{\"name\":\"parameter/G.0.bias\",\"shape\":[2]}";
        String ok = "{\"iteration\":1,\"experiment\":null,\"random\":{},\"tensors\":[" + tensor + "]}";
        assertEquals(1, CheckpointFiles.read(sealed(ok, 2)).iteration());
        Object[][] lies = {
            {ok.replace("\"iteration\":1", "\"iteration\":1.5"), "iteration must be an integer from 0 to 2147483647, "
                + "got 1.5"},
            {ok.replace("\"iteration\":1", "\"iteration\":true"), "iteration must be an integer from 0 to "
                + "2147483647, got true"},
            {ok.replace("\"iteration\":1", "\"iteration\":1,\"iteration\":2"), null},
            {ok.replace(tensor, tensor + "," + tensor), "tensor 'parameter/G.0.bias' is listed twice"},
            {ok.replace("[2]", "[\"2\"]"), "a dimension of tensor 'parameter/G.0.bias' must be an integer from 1 to "
                + "2147483647, got \"2\""},
            {ok.replace("parameter/G.0.bias", "weights/G.0.bias"), "tensors[0] has name \"weights/G.0.bias\"; expected "
                + "\"parameter/ID\", \"optimizer/discriminator/KEY\" or \"optimizer/generator/KEY\""},
            {ok.replace("\"random\":{}", "\"random\":{\"noise\":[1,2,3,4.5]}"), "random state 'noise' must be 4 "
                + "64-bit integers, got 4.5"},
            {"{\"iteration\":1,\"experiment\":null,\"random\":{},\"tensors\":{\"a\":1}}", "'tensors' must be an "
                + "array, got object"},
            {ok + " trailing", null},
            {ok.substring(0, ok.length() - 2) + "}}", null},
        };
        for (Object[] lie : lies) {
            Path file = sealed((String) lie[0], 2);
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFiles.read(file),
                    (String) lie[0]);
            if (lie[1] != null) {
                assertEquals(file + ": malformed checkpoint header at byte offset 16: " + lie[1], e.getMessage());
            } else {
                assertTrue(e.getMessage().startsWith(file + ": header at byte offset 16 is not valid JSON: "),
                        e.getMessage());
                assertTrue(!e.getMessage().contains("Source:"), e.getMessage());
            }
        }
    }
}
