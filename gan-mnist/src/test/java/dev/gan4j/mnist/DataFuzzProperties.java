package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.fuzz.SmallHeapProperties;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile data files for the loader, run by {@link DataFuzzTest} in a JVM of 96 MiB: IDX headers
 * over raw and gzip payloads, gzip streams that inflate far beyond their size (up to 4× the
 * heap), and PNG files with random dimensions, bit depths, colour types, truncated chunks and bad
 * CRCs. Each must load or end in a {@link DataLoadException} (an {@link IdxFormatException} from
 * the reader) naming the file — never another exception, never an {@link OutOfMemoryError}. How
 * to run more tries: see {@link dev.gan4j.api.fuzz.SmallHeapProperties}.
 */
class DataFuzzProperties {

    private static final DataEnvironment NOWHERE = DataEnvironment.system()
            .withEnv(Map.of(DataEnvironment.OFFLINE, "1")).withHome(Path.of("target/no-home").toAbsolutePath());
    private static final int[] CODES = {0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E};

    private static Path dir;

    @BeforeContainer
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("gan4j-data-fuzz");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        SmallHeapProperties.deleteTree(dir);
    }

    /** What a try writes: a description for the report, and how to write it. */
    record Input(String description, Writer writer) {
        @Override
        public String toString() {
            return description;
        }
    }

    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    // ---- properties ---------------------------------------------------------------------------

    @Property(seed = "1801")
    void idxFilesLoadOrFailCleanly(@ForAll("idxFiles") Input input) throws IOException {
        Path file = write(input, "images-idx3-ubyte");
        readsCleanly(file, input);
        loadsCleanly(DataRequest.idx(file, null, Transform.UNIT), file, input);
    }

    @Property(seed = "1802")
    void gzipBombsLoadOrFailCleanly(@ForAll("bombs") Input input) throws IOException {
        Path file = write(input, "bomb-idx3-ubyte.gz");
        readsCleanly(file, input);
        loadsCleanly(DataRequest.idx(file, null, Transform.UNIT), file, input);
    }

    @Property(seed = "1803")
    void pngFoldersLoadOrFailCleanly(@ForAll("pngs") List<Input> images) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("images"));
        try (Stream<Path> old = Files.list(folder)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (int i = 0; i < images.size(); i++) {
            try (OutputStream out = Files.newOutputStream(folder.resolve("img" + i + ".png"))) {
                images.get(i).writer().writeTo(out);
            }
        }
        loadsCleanly(DataRequest.imageFolder(folder, Transform.UNIT), folder, images);
    }

    // ---- oracles ------------------------------------------------------------------------------

    private static Path write(Input input, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            input.writer().writeTo(out);
        }
        return file;
    }

    /** The reader returns an array or throws an {@link IdxFormatException} naming the file. */
    private static void readsCleanly(Path file, Object input) throws IOException {
        try {
            IdxReader.standard().read(file);
        } catch (IdxFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new AssertionError("IdxReader ran out of memory on " + input, e);
        } catch (RuntimeException e) {
            throw new AssertionError("IdxReader threw " + e + " on " + input, e);
        }
    }

    /** The loader returns a dataset or throws a one-line {@link DataLoadException} naming the file. */
    private static void loadsCleanly(DataRequest request, Path file, Object input) {
        try {
            DataLoader.load(request, NOWHERE);
        } catch (DataLoadException e) {
            String m = e.getMessage();
            assertTrue(m != null && m.contains(file.toString()), "names " + file + ": " + m);
            assertFalse(m.contains("\n"), m);
        } catch (OutOfMemoryError e) {
            throw new AssertionError("DataLoader ran out of memory on " + input, e);
        } catch (RuntimeException e) {
            throw new AssertionError("DataLoader threw " + e + " on " + input, e);
        }
    }

    // ---- IDX generators -----------------------------------------------------------------------

    private static Arbitrary<Integer> code() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(0x08, 0x08, 0x0D, 0x09, 0x0B, 0x0C, 0x0E)),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
    }

    /** Plausible to absurd dimensions: small, MNIST-like, and products that pass the heap many times. */
    private static Arbitrary<int[]> dims() {
        Arbitrary<Integer> dim = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 8)),
                Tuple.of(3, Arbitraries.of(28, 1, 784, 10_000, 60_000, 100_000, 2_700_000, 46_340, 65_536)),
                Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1 << 30)),
                Tuple.of(1, Arbitraries.integers()));
        return dim.list().ofMinSize(0).ofMaxSize(5).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A header (sometimes with a wrong magic or rank) over random data, raw or gzip, sometimes cut. */
    @Provide
    Arbitrary<Input> idxFiles() {
        return Combinators.combine(code(), dims(), Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.of(false, true), Arbitraries.integers().between(-1, 3000),
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(-1)),
                        Tuple.of(1, Arbitraries.integers().between(0, 255)))).as((c, d, data, gzip, cut, rank) -> {
                            byte[] file = IdxBytes.idx(c, d, data);
                            if (rank >= 0) {
                                file[3] = (byte) rank.intValue();
                            }
                            byte[] body = gzip ? IdxBytes.gzip(file) : file;
                            byte[] content = cut >= 0 && cut < body.length ? Arrays.copyOf(body, cut) : body;
                            return new Input((gzip ? "gzip" : "raw") + " IDX type 0x" + Integer.toHexString(c)
                                    + " dims " + Arrays.toString(d) + (rank >= 0 ? " rank byte " + rank : "") + ", "
                                    + data.length + " data bytes" + (content != body ? ", cut at " + cut : ""),
                                    out -> out.write(content));
                        });
    }

    /**
     * A gzip stream of zeros, up to 400 MiB inflated from under half a megabyte, behind a header that
     * declares its size, a little less, or far more; sometimes with a lying size trailer.
     */
    @Provide
    Arbitrary<Input> bombs() {
        Arbitrary<Long> zeros = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 1L << 20)),
                Tuple.of(3, Arbitraries.longs().between(1L << 20, 100L << 20)),
                Tuple.of(1, Arbitraries.longs().between(100L << 20, 400L << 20)));
        Arbitrary<Integer> claim = Arbitraries.of(0, 1, 2, 3); // exact, smaller, larger, random
        return Combinators.combine(Arbitraries.of(0x08, 0x0D, 0x0B), zeros, claim, Arbitraries.integers(),
                Arbitraries.of(false, true)).as((c, n, how, random, lyingTrailer) -> {
                    int size = IdxType.fromCode(c).orElseThrow().size();
                    long images = switch (how) {
                        case 0 -> n / size / 784;
                        case 1 -> Math.max(0, n / size / 784 - 1);
                        case 2 -> n / size / 784 * 16 + 1;
                        default -> random & 0x7FFFFFFFL;
                    };
                    int[] d = {(int) Math.min(images, Integer.MAX_VALUE), 28, 28};
                    return new Input("gzip of " + n + " zero bytes as type 0x" + Integer.toHexString(c) + " behind "
                            + Arrays.toString(d) + (lyingTrailer ? ", size trailer lies" : ""),
                            out -> writeBomb(out, c, d, n, lyingTrailer));
                });
    }

    private static final byte[] GZIP_HEADER = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, (byte) 0xFF};

    /** Streams the bomb, so that a try costs its compressed size in memory, not its inflated one. */
    private static void writeBomb(OutputStream out, int code, int[] dims, long zeros, boolean lyingTrailer)
            throws IOException {
        out.write(GZIP_HEADER);
        CRC32 crc = new CRC32();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            DeflaterOutputStream deflate = new DeflaterOutputStream(out, deflater, 1 << 16);
            // finished below, never closed: the file under it takes the trailer
            ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length).putInt(code << 8 | dims.length);
            for (int d : dims) {
                header.putInt(d);
            }
            crc.update(header.array());
            deflate.write(header.array());
            byte[] block = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= block.length) {
                int n = (int) Math.min(left, block.length);
                crc.update(block, 0, n);
                deflate.write(block, 0, n);
            }
            deflate.finish();
        } finally {
            deflater.end();
        }
        long size = header(dims) + zeros + (lyingTrailer ? 1 << 20 : 0);
        out.write(ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
                .putInt((int) size).array());
    }

    private static long header(int[] dims) {
        return 4 + 4L * dims.length;
    }

    // ---- PNG generators -----------------------------------------------------------------------

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** One to three PNG files: usually one size, sometimes not, each possibly damaged. */
    @Provide
    Arbitrary<List<Input>> pngs() {
        Arbitrary<Integer> side = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 40)),
                Tuple.of(2, Arbitraries.of(0, 2048, 4096, 4097, 5000, 46_340)),
                Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, -1, 1 << 16)));
        Arbitrary<Integer> depth = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(1, 2, 4, 8, 16)),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<Integer> colour = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.of(2, 3, 4, 6)), Tuple.of(1, Arbitraries.integers().between(0, 255)));
        // damage: 0 none, 1 cut, 2 flip a byte (bad CRC), 3 flip and reseal (good CRC, bad content),
        // 4 a transparency chunk, 5 interlaced, 6 IDAT of random bytes
        Arbitrary<Integer> damage = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(5, Arbitraries.integers().between(1, 6)));
        Arbitrary<Input> one = Combinators.combine(side, side, depth, colour, damage, Arbitraries.integers())
                .as(DataFuzzProperties::png);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    private static Input png(int height, int width, int depth, int colour, int damage, int where) {
        String description = "PNG " + height + "×" + width + " depth " + depth + " colour " + colour + " damage "
                + damage + " at " + where;
        return new Input(description, out -> {
            byte[] file = pngBytes(height, width, depth, colour, damage, where);
            out.write(file);
        });
    }

    private static byte[] pngBytes(int height, int width, int depth, int colour, int damage, int where)
            throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(SIGNATURE);
        chunk(b, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth).put((byte) colour)
                .put((byte) 0).put((byte) 0).put((byte) (damage == 5 ? 1 : 0)).array());
        if (damage == 4) {
            chunk(b, "tRNS", new byte[] {0, 0});
        }
        long rowBytes = ((long) Math.max(0, width) * Math.max(1, depth) + 7) / 8;
        long raw = (1 + rowBytes) * Math.max(0, height);
        byte[] idat;
        // the generator shares the small heap: images past the reader's limit get a token IDAT
        if (damage == 6 || rowBytes > 1 << 16 || raw > 40L << 20) {
            idat = new byte[Math.floorMod(where, 300)];
            new java.util.Random(where).nextBytes(idat);
        } else {
            java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
                byte[] row = new byte[(int) rowBytes + 1];
                boolean patterned = raw < 1 << 20; // large images stay zero, so their IDAT stays small
                for (int y = 0; y < height; y++) {
                    for (int x = 1; patterned && x < row.length; x++) {
                        row[x] = (byte) (x * 7 + y * 13 + where);
                    }
                    d.write(row);
                }
            }
            idat = z.toByteArray();
        }
        chunk(b, "IDAT", idat);
        chunk(b, "IEND", new byte[0]);
        byte[] file = b.toByteArray();
        int at = 8 + Math.floorMod(where, file.length - 8);
        switch (damage) {
            case 1 -> file = Arrays.copyOf(file, at);
            case 2 -> file[at] ^= (byte) (1 + Math.floorMod(where >> 8, 255));
            case 3 -> {
                // damage the IDAT's data and give it a right CRC, so only decoding can notice
                int idatStart = file.length - 12 - 12 - idat.length;
                if (idat.length > 0) {
                    int i = idatStart + 8 + Math.floorMod(where, idat.length);
                    file[i] ^= (byte) (1 + Math.floorMod(where >> 8, 255));
                    CRC32 crc = new CRC32();
                    crc.update(file, idatStart + 4, 4 + idat.length);
                    ByteBuffer.wrap(file, idatStart + 8 + idat.length, 4).putInt((int) crc.getValue());
                }
            }
            default -> {
                // undamaged
            }
        }
        return file;
    }

    private static void chunk(java.io.ByteArrayOutputStream b, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        b.writeBytes(t);
        b.writeBytes(data);
        b.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
