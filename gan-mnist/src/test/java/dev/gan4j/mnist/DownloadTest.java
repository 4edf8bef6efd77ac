package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real download path (HttpClient, mirrors, checksums, atomic placement) against a server on
 * the loopback interface that serves the shared MNIST test files, good or broken.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DownloadTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private byte[] images;
    private byte[] labels;

    @BeforeEach
    void start() throws IOException {
        images = Files.readAllBytes(SharedMnist.images());
        labels = Files.readAllBytes(SharedMnist.labels());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/good/", x -> serve(x, false));
        server.createContext("/corrupt/", x -> serve(x, true));
        server.createContext("/missing/", x -> {
            count(x);
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        server.createContext("/stall/", x -> { // headers and a little data, then nothing
            count(x);
            byte[] body = body(x);
            x.sendResponseHeaders(200, body.length);
            OutputStream out = x.getResponseBody();
            out.write(body, 0, 1000);
            out.flush();
            await();
            x.close();
        });
        server.createContext("/silent/", x -> { // accepts the request, never answers
            count(x);
            await();
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange x, boolean corrupt) throws IOException {
        count(x);
        byte[] body = body(x);
        if (body == null) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        if (corrupt) {
            body = body.clone();
            body[body.length / 2] ^= 0x40; // same size, wrong checksum
        }
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private byte[] body(HttpExchange x) {
        String path = x.getRequestURI().getPath();
        if (path.endsWith("/" + SharedMnist.IMAGES)) {
            return images;
        }
        return path.endsWith("/" + SharedMnist.LABELS) ? labels : null;
    }

    private void count(HttpExchange x) {
        hits.computeIfAbsent(x.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
    }

    private int hits(String prefix) {
        return hits.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    private void await() {
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI mirror(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/");
    }

    private Path home() {
        return tmp.resolve("home");
    }

    private Path cache() {
        return home().resolve(".cache/gan4j/mnist");
    }

    /** Generous timeouts, so a loaded CI machine does not fail the transfers that should work. */
    private DataEnvironment env(DownloadListener listener) {
        return new DataEnvironment(Map.of(), home(), tmp.resolve("system"), Duration.ofSeconds(10),
                Duration.ofSeconds(10), listener);
    }

    /** Short timeouts for the tests that wait for one to expire. */
    private DataEnvironment impatient() {
        return env(DownloadListener.NONE).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    private static DataRequest request(URI... mirrors) {
        return DataRequest.of("mnist", "test", Transform.UNIT).withMirrors(List.of(mirrors));
    }

    private List<String> cacheFiles() throws IOException {
        if (!Files.isDirectory(cache())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void goodDownloadIsVerifiedCachedAndReported() throws IOException {
        List<long[]> progress = new ArrayList<>();
        LoadedDataset d = DataLoader.load(request(mirror("good")),
                env((source, bytes, total) -> progress.add(new long[] {bytes, total})));
        assertEquals(10_000, d.size());
        assertEquals(7, d.label(0));
        DataFile f = d.files().get(0);
        assertTrue(f.verified());
        assertEquals(cache().resolve(SharedMnist.IMAGES), f.path());
        assertEquals("downloaded from " + mirror("good") + SharedMnist.IMAGES, f.origin());
        assertEquals(List.of(SharedMnist.IMAGES, SharedMnist.LABELS), cacheFiles(), "only the two files, no leftovers");
        long[] last = progress.get(progress.size() - 1);
        assertEquals(last[1], last[0], "the last report is the whole file");
        assertTrue(progress.stream().anyMatch(p -> p[1] == 1_648_877 && p[0] > 0 && p[0] < p[1]),
                "the large file reports progress along the way");

        // the second load finds the cache and does not download again
        int before = hits("/good/");
        LoadedDataset again = DataLoader.load(request(mirror("good")), env(DownloadListener.NONE));
        assertEquals("cache", again.files().get(0).origin());
        assertEquals(before, hits("/good/"));
    }

    @Test
    void checksumMismatchLeavesNothingInTheCache() throws IOException {
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(request(mirror("corrupt")), env(DownloadListener.NONE)));
        assertTrue(e.getMessage().contains(mirror("corrupt") + SharedMnist.IMAGES + ": checksum mismatch: SHA-256 is "),
                e.getMessage());
        assertTrue(e.getMessage().contains("the published one is "
                + "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void missingFileOnOneMirrorFallsBackToTheNext() throws IOException {
        LoadedDataset d = DataLoader.load(request(mirror("missing"), mirror("good")), env(DownloadListener.NONE));
        assertEquals(10_000, d.size());
        assertEquals(2, hits("/missing/"), "each file was tried on the first mirror");
        assertEquals(List.of(SharedMnist.IMAGES, SharedMnist.LABELS), cacheFiles());
    }

    @Test
    void stalledTransferTimesOutAndLeavesNothing() throws IOException {
        long start = System.nanoTime();
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(request(mirror("stall")), impatient()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains(mirror("stall") + SharedMnist.IMAGES
                + ": the transfer stalled: no data after 1000 bytes within 1 s"), e.getMessage());
        assertTrue(millis < 10_000, "gave up after " + millis + " ms");
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void serverThatNeverAnswersTimesOut() {
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(request(mirror("silent")), impatient()));
        assertTrue(e.getMessage().contains(mirror("silent") + SharedMnist.IMAGES + ": no response within 1 s"),
                e.getMessage());
    }

    @Test
    void refusedConnection() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/mnist/");
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(request(closed), impatient()));
        assertTrue(e.getMessage().contains(closed + SharedMnist.IMAGES + ": connection refused"), e.getMessage());
    }

    @Test
    void mirrorVariableReplacesTheBuiltInMirrors() {
        DataEnvironment env = env(DownloadListener.NONE).withVariable("GAN4J_MNIST_MIRROR",
                mirror("missing") + ", " + mirror("good"));
        assertEquals(10_000, DataLoader.load(DataRequest.of("mnist", "test", Transform.UNIT), env).size());
        assertEquals(2, hits("/missing/"));
    }

    @Test
    void offlineMakesNoRequestAndSaysWhereToPutTheFiles() {
        DataEnvironment env = env(DownloadListener.NONE).withVariable(DataEnvironment.OFFLINE, "true");
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(request(mirror("good")), env));
        assertEquals(0, hits("/"));
        String m = e.getMessage();
        assertTrue(m.contains("skipped: GAN4J_OFFLINE is set"), m);
        assertTrue(m.contains("get t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from " + mirror("good")), m);
        assertTrue(m.contains("put them in " + cache()), m);
    }

    @Test
    void allMirrorsFailingListsEachAttempt() {
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(request(mirror("missing"), mirror("corrupt")), env(DownloadListener.NONE)));
        String m = e.getMessage();
        assertTrue(m.contains(mirror("missing") + SharedMnist.IMAGES + ": HTTP 404"), m);
        assertTrue(m.contains(mirror("corrupt") + SharedMnist.IMAGES + ": checksum mismatch"), m);
        assertTrue(m.contains("Looked in:") && m.contains("(cache): does not exist"), m);
    }

    @Test
    void aVerifiedFileAlreadyInTheCacheIsNotFetchedAgain() throws IOException {
        Files.createDirectories(cache());
        Files.write(cache().resolve(SharedMnist.IMAGES), images); // labels missing: the pair is incomplete
        LoadedDataset d = DataLoader.load(request(mirror("good")), env(DownloadListener.NONE));
        assertEquals(10_000, d.size());
        assertEquals(0, hits("/good/" + SharedMnist.IMAGES));
        assertEquals(1, hits("/good/" + SharedMnist.LABELS));
    }
}
