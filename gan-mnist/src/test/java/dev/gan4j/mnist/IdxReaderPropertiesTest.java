package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Feeds the IDX reader random and mutated input: it must either return an array that is
 * exactly what the bytes encode, or throw an {@link IdxFormatException} with a message naming
 * the source — never another exception, never an allocation the input does not justify.
 */
class IdxReaderPropertiesTest {

    private static final int[] CODES = {0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E};

    @Property(tries = 1500)
    void randomBytes(@ForAll("randomBytes") byte[] content) {
        check(content);
    }

    @Property(tries = 1500)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void randomHeadersOverRandomData(@ForAll("randomHeaders") byte[] content) {
        Statistics.collect(check(content));
        // the generator must reach both outcomes, or the oracle is never exercised
        Statistics.coverage(c -> {
            c.check(true).percentage(p -> p > 4);
            c.check(false).percentage(p -> p > 30);
        });
    }

    @Property(tries = 1000)
    void randomHeadersInsideGzip(@ForAll("randomHeaders") byte[] content) {
        check(IdxBytes.gzip(content));
    }

    @Property(tries = 1500)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void mutatedValidFiles(@ForAll("mutatedFiles") byte[] content) {
        Statistics.collect(check(content));
        Statistics.coverage(c -> {
            c.check(true).percentage(p -> p > 2);
            c.check(false).percentage(p -> p > 20);
        });
    }

    /**
     * The oracle: success means the bytes are exactly the canonical encoding of the result.
     *
     * @return whether the content was accepted
     */
    private static boolean check(byte[] content) {
        IdxArray result;
        try {
            result = IdxReader.standard().read(content, "fuzz.idx");
        } catch (IdxFormatException e) {
            assertTrue(e.getMessage() != null && e.getMessage().startsWith("fuzz.idx: "), e.getMessage());
            assertTrue(e.getMessage().contains("offset"), "names an offset: " + e.getMessage());
            return false;
        }
        byte[] decoded = isGzip(content) ? gunzip(content) : content;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            IdxWriter.writeTo(out, result);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertArrayEquals(decoded, out.toByteArray(), "accepted input must be exactly what the result encodes");
        long product = 1;
        for (int d : result.dims()) {
            product *= d;
        }
        assertEquals(product, result.count());
        return true;
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("our reader accepted a stream the JDK rejects", e);
        }
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    /** A plausible header (sometimes with a bad magic or type) over random data. */
    @Provide
    Arbitrary<byte[]> randomHeaders() {
        // mostly plausible values, so valid files are common and each defect is tried alone
        Arbitrary<Integer> code = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)),
                Tuple.of(2, Arbitraries.integers().between(0, 255)));
        Arbitrary<Integer> dim = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 6)),
                Tuple.of(1, Arbitraries.of(0, 1, 28, 60_000, 65_536, Integer.MAX_VALUE, -1, Integer.MIN_VALUE)),
                Tuple.of(1, Arbitraries.integers()));
        Arbitrary<int[]> dims = dim.list().ofMinSize(0).ofMaxSize(5)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
        Arbitrary<Integer> rankOverride = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<Integer> magic = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)));
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        // often make the payload exactly as long as the header asks, so valid files are common
        Arbitrary<Boolean> exact = Arbitraries.of(true, false);
        return Combinators.combine(code, dims, rankOverride, magic, data, exact).as((c, d, r, m, payload, fit) -> {
            long need = IdxType.fromCode(c).map(IdxType::size).orElse(1);
            for (int x : d) {
                need = need * Math.max(0, x);
                need = Math.min(need, 1 << 20);
            }
            byte[] body = fit && need <= payload.length ? Arrays.copyOf(payload, (int) need) : payload;
            byte[] file = IdxBytes.idx(c, d, body);
            file[0] = (byte) (m >>> 8);
            file[1] = (byte) m.intValue();
            if (r >= 0) {
                file[3] = (byte) r.intValue();
            }
            return file;
        });
    }

    /** A valid file (raw or gzip) with one to four random corruptions. */
    @Provide
    Arbitrary<byte[]> mutatedFiles() {
        Arbitrary<byte[]> valid = Combinators.combine(Arbitraries.of(CODES[0], CODES[1], CODES[2], CODES[3], CODES[4],
                CODES[5]), Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(false, true)).as((code, dimList, gzip) -> {
                    int[] dims = dimList.stream().mapToInt(Integer::intValue).toArray();
                    int size = IdxType.fromCode(code).orElseThrow().size();
                    int count = dimList.stream().reduce(1, (a, b) -> a * b);
                    byte[] data = new byte[count * size];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (byte) (i * 31 + 7);
                    }
                    byte[] file = IdxBytes.idx(code, dims, data);
                    return gzip ? IdxBytes.gzip(file) : file;
                });
        Arbitrary<List<int[]>> mutations = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as((kind, where, value) -> new int[] {kind, where, value}).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(valid, mutations).as(IdxReaderPropertiesTest::mutate);
    }

    private static byte[] mutate(byte[] file, List<int[]> mutations) {
        byte[] b = file.clone();
        for (int[] m : mutations) {
            if (b.length == 0) {
                break;
            }
            int at = m[1] % b.length;
            switch (m[0]) {
                case 0 -> b[at] = (byte) m[2]; // overwrite a byte
                case 1 -> b[at] ^= (byte) (1 << (m[2] % 8)); // flip a bit
                case 2 -> b = Arrays.copyOf(b, at); // truncate
                case 3 -> b = IdxBytes.concat(b, new byte[] {(byte) m[2]}); // append garbage
                default -> { // delete a byte
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
            }
        }
        return b;
    }
}
