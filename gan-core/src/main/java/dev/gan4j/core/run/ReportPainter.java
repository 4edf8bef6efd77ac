package dev.gan4j.core.run;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Draws {@code curves.png} and writes {@code report.html} on a background thread, so that
 * training never waits for a chart (drawing and encoding one takes 50–300 ms, many iterations of
 * a small model). Requests made while one is being drawn collapse into one: only the newest
 * figures are drawn next. {@link #paintNow} draws in the caller's thread after any pending
 * request, for the end of a run.
 */
final class ReportPainter implements AutoCloseable {

    private final RunDirectory dir;
    private final String title;
    private final ExecutorService thread;
    private final AtomicReference<MetricsHistory> pending = new AtomicReference<>();
    private volatile Throwable failure;

    ReportPainter(RunDirectory dir, String title) {
        this.dir = dir;
        this.title = title;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gan4j-report");
            // a chart being drawn must never keep the JVM from exiting
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for the curves and the report of {@code snapshot}, which must not change afterwards. */
    void request(MetricsHistory snapshot) throws IOException {
        rethrow();
        if (pending.getAndSet(snapshot) == null) {
            thread.execute(this::drain);
        }
    }

    private void drain() {
        MetricsHistory h = pending.getAndSet(null);
        if (h == null) {
            return;
        }
        try {
            paint(h);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** Waits for pending requests, then draws {@code history} in this thread. */
    void paintNow(MetricsHistory history) throws IOException {
        try {
            thread.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the report to be drawn", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed: nothing pending
        }
        rethrow();
        paint(history);
    }

    private void paint(MetricsHistory h) throws IOException {
        if (LossCurves.drawable(h)) {
            LossCurves.write(h, title, dir.curves());
        }
        RunReport.write(dir, h);
    }

    private void rethrow() throws IOException {
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IOException("drawing " + dir.curves() + " or " + dir.report() + " failed: " + f, f);
        }
    }

    /** Stops the thread after the pending request, waiting a little for it. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
