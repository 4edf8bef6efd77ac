package dev.gan4j.mnist;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads published dataset files over HTTP(S) with {@link HttpClient}, trying mirrors in
 * order. Each file streams into a temporary file next to its target while its SHA-256 is
 * computed; only a file of the published size and checksum is renamed into place, so the cache
 * never holds a partial or wrong file. A connection that stalls for the read timeout is
 * abandoned.
 */
final class Downloader {

    /** Temporary files older than this were left by a killed process and may be deleted. */
    private static final Duration STALE_PART = Duration.ofDays(1);

    private final DataEnvironment env;
    private final HttpClient client;

    Downloader(DataEnvironment env) {
        this.env = env;
        this.client = HttpClient.newBuilder().connectTimeout(env.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A file now in place, and where it came from. */
    record Downloaded(Path path, URI source) {
    }

    /**
     * Downloads {@code file} into {@code dir}, trying each mirror in turn; each failed attempt
     * adds a line to {@code failures}.
     *
     * @return the downloaded file, or {@code null} if every mirror failed
     * @throws IOException if the target directory cannot be created
     */
    Downloaded fetch(RemoteFile file, List<URI> mirrors, Path dir, List<String> failures) throws IOException {
        Files.createDirectories(dir);
        deleteStaleParts(dir, file.name());
        Path target = dir.resolve(file.name());
        for (URI mirror : mirrors) {
            URI uri = Mirrors.resolve(mirror, file.name());
            try {
                fetchOne(uri, file, target);
                return new Downloaded(target, uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(uri + ": interrupted");
                return null;
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    failures.add(uri + ": interrupted");
                    return null;
                }
                failures.add(uri + ": " + describe(e));
            }
        }
        return null;
    }

    private void fetchOne(URI uri, RemoteFile file, Path target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(env.readTimeout())
                .header("User-Agent", "gan4j").GET().build();
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            // the client enforces both timeouts; this bound only guards against it hanging anyway
            long guard = env.connectTimeout().plus(env.readTimeout()).toMillis() + 5_000;
            response = pending.get(guard, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no response");
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
        BodyQueue body = new BodyQueue();
        response.body().subscribe(body);
        try {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            OptionalLong announced = response.headers().firstValueAsLong("Content-Length");
            if (announced.isPresent() && announced.getAsLong() != file.size()) {
                throw new IOException("the server announces " + announced.getAsLong() + " bytes, but "
                        + file.name() + " has " + file.size());
            }
            AtomicFiles.write(target, out -> receive(uri, file, body, out));
        } finally {
            body.cancel();
        }
    }

    /** Copies the body to {@code out}, verifying size and checksum; throwing discards the file. */
    private void receive(URI uri, RemoteFile file, BodyQueue body, java.io.OutputStream out) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        byte[] scratch = new byte[16 * 1024];
        long step = Math.max(64 * 1024, file.size() / 100);
        long received = 0;
        long reported = 0;
        env.listener().progress(uri, 0, file.size());
        while (true) {
            List<ByteBuffer> chunk;
            try {
                chunk = body.next(env.readTimeout(), received);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted after " + received + " bytes");
            }
            if (chunk == null) {
                break;
            }
            for (ByteBuffer bb : chunk) {
                received += bb.remaining();
                if (received > file.size()) {
                    throw new IOException("the server sent more than the " + file.size() + " bytes of " + file.name());
                }
                while (bb.hasRemaining()) {
                    int n = Math.min(scratch.length, bb.remaining());
                    bb.get(scratch, 0, n);
                    sha.update(scratch, 0, n);
                    out.write(scratch, 0, n);
                }
            }
            if (received - reported >= step) {
                env.listener().progress(uri, received, file.size());
                reported = received;
            }
        }
        if (received != file.size()) {
            throw new IOException("the connection closed after " + received + " of " + file.size() + " bytes");
        }
        String actual = Sha256.hex(sha.digest());
        if (!actual.equals(file.sha256())) {
            throw new IOException("checksum mismatch: SHA-256 is " + actual + ", the published one is "
                    + file.sha256() + "; the file was discarded");
        }
        env.listener().progress(uri, received, file.size());
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "could not connect within " + seconds(env.connectTimeout());
        }
        if (e instanceof HttpTimeoutException) {
            String what = e.getMessage() == null || e.getMessage().equals("request timed out")
                    ? "no response" : e.getMessage();
            return what + " within " + seconds(env.readTimeout());
        }
        if (e instanceof ConnectException) {
            return "connection refused or unreachable" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Deletes temporary files of {@code name} that a killed process left behind long ago. */
    private static void deleteStaleParts(Path dir, String name) {
        Instant limit = Instant.now().minus(STALE_PART);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "." + name + ".*" + AtomicFiles.PART_SUFFIX)) {
            for (Path p : parts) {
                FileTime modified = Files.getLastModifiedTime(p);
                if (modified.toInstant().isBefore(limit)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // leftovers are harmless: they never have the target's name
        }
    }

    /**
     * Receives the body one chunk at a time (back-pressure: one outstanding request), so the
     * reader can wait with a timeout and cancel a stalled transfer.
     */
    private static final class BodyQueue implements Flow.Subscriber<List<ByteBuffer>> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            queue.add(item);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        /** The next chunk, or {@code null} at the end of the body. */
        @SuppressWarnings("unchecked")
        List<ByteBuffer> next(Duration timeout, long received) throws IOException, InterruptedException {
            Object item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw new HttpTimeoutException("the transfer stalled: no data after " + received + " bytes");
            }
            if (item == END) {
                return null;
            }
            if (item instanceof Throwable t) {
                throw new IOException("the connection failed after " + received + " bytes: " + t, t);
            }
            subscription.request(1);
            return (List<ByteBuffer>) item;
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
