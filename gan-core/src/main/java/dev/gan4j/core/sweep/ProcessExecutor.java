package dev.gan4j.core.sweep;

import dev.gan4j.core.io.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs each task in a child JVM of its own ({@link TrialProcess}), {@code workers} at a time, on
 * this JVM's class path and options. A process per trial, not a thread: a backend's BLAS thread
 * count is process-wide, a trial that runs out of memory or crashes the JVM takes only itself
 * down, and a stopped sweep can stop its trials by ending their processes. The cost is a JVM start
 * and the data read per task, a second or two, small beside a rung's training.
 *
 * <p>Each task's output goes to {@code logs/<trial>-r<rung>.log}; its task and outcome files
 * sit beside it.
 */
public final class ProcessExecutor implements TrialExecutor {

    private final int workers;
    private final Path logs;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final List<Path> classpath;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private volatile boolean closed;

    /**
     * @param workers how many tasks run at once
     * @param logs where each task's output, task and outcome files go
     * @param jvmOptions options for each worker JVM, e.g. {@link #inheritedJvmOptions()}
     * @param environment variables set in each worker's environment (e.g. {@code GAN4J_DATA_DIR});
     *     a {@code null} value removes the variable
     * @param extraClasspath jars added after this JVM's class path (e.g. plugins)
     */
    public ProcessExecutor(int workers, Path logs, List<String> jvmOptions, Map<String, String> environment,
            List<Path> extraClasspath) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.workers = workers;
        this.logs = logs;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        this.classpath = List.copyOf(extraClasspath);
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** How many tasks run at once. */
    public int workers() {
        return workers;
    }

    /**
     * This JVM's options a worker needs too (modules such as the Vector API, system properties
     * such as {@code gan4j.home} and {@code gan4j.backend}, heap limits), without debugger and
     * agent options, which would clash between processes.
     */
    public static List<String> inheritedJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:") && !a.startsWith("-javaagent:") && !a.startsWith("-Xrunjdwp")
                    && !a.startsWith("-Xdebug")) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public List<TrialOutcome> run(List<TrialTask> tasks) {
        return run(tasks, outcome -> { });
    }

    /**
     * {@inheritDoc}
     *
     * @throws CancellationException if {@link #close()} stopped the workers meanwhile (their tasks
     *     are not outcomes: their trials resume from their checkpoints next time)
     */
    @Override
    public List<TrialOutcome> run(List<TrialTask> tasks, Consumer<TrialOutcome> finished) {
        List<Future<TrialOutcome>> futures = new ArrayList<>();
        for (TrialTask t : tasks) {
            futures.add(pool.submit(() -> {
                TrialOutcome o = runOne(t);
                // a task ended by close() is not an outcome: its trial resumes next time
                if (o != null && !closed) {
                    synchronized (finished) {
                        finished.accept(o);
                    }
                }
                return o;
            }));
        }
        List<TrialOutcome> out = new ArrayList<>();
        for (Future<TrialOutcome> f : futures) {
            if (closed) {
                throw new CancellationException("the sweep's workers were stopped");
            }
            try {
                TrialOutcome o = f.get();
                if (o == null || closed) {
                    throw new CancellationException("the sweep's workers were stopped");
                }
                out.add(o);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new CancellationException("interrupted while trials were running");
            } catch (CancellationException e) {
                throw new CancellationException("the sweep's workers were stopped");
            } catch (ExecutionException e) {
                throw new IllegalStateException("a sweep worker thread failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    /** Runs {@code task} in a worker; null if {@link #close()} stopped it. */
    private TrialOutcome runOne(TrialTask task) {
        long start = System.nanoTime();
        String stem = task.trialId() + "-r" + task.rung();
        Path taskFile = logs.resolve(stem + ".task.json");
        Path outcomeFile = logs.resolve(stem + ".outcome.json");
        Path log = logs.resolve(stem + ".log");
        try {
            Files.createDirectories(logs);
            Files.deleteIfExists(outcomeFile);
            AtomicFiles.write(taskFile, TrialJson.JSON.writeValueAsString(TrialJson.task(task))
                    .getBytes(StandardCharsets.UTF_8));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            List<String> cp = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
            classpath.forEach(p -> cp.add(p.toString()));
            command.addAll(List.of("-cp", String.join(File.pathSeparator, cp), TrialProcess.class.getName(),
                    taskFile.toString(), outcomeFile.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            environment.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            running.add(p);
            int code;
            try {
                code = p.waitFor();
            } finally {
                running.remove(p);
            }
            if (Files.isRegularFile(outcomeFile)) {
                return TrialProcess.read(outcomeFile);
            }
            if (closed) {
                return null;
            }
            return TrialOutcome.ended(task, TrialStatus.FAILED, "the worker exited with code " + code
                    + " without an outcome; see " + log, seconds(start));
        } catch (IOException e) {
            return TrialOutcome.ended(task, TrialStatus.FAILED, "cannot run a worker: " + e.getMessage(),
                    seconds(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Ends the workers still running (their trials resume from their checkpoints next time). */
    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        for (Process p : running) {
            p.destroy();
        }
    }
}
