package dev.gan4j.core.run;

import dev.gan4j.core.io.AtomicFiles;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a run stands ({@code status.json}): its state, how far it got, why it stopped, and a log of
 * what happened to it (started, resumed, rolled back, stopped). Rewritten atomically at the
 * start, at every checkpoint and at the end, so after a crash it still says {@code running} with
 * the process id of a process that no longer exists, which {@link #displayState()} reports as
 * {@code killed}.
 *
 * @param state the state when last written
 * @param iteration iterations completed when last written
 * @param iterations iterations the run is configured for
 * @param message why it stopped (a divergence, an error), or empty
 * @param updated when it was last written, ISO-8601 UTC
 * @param pid the process training it
 * @param processStart when that process started, ISO-8601, to tell it from a later process with
 *     the same id; empty if unknown
 * @param rollbacks divergence rollbacks so far
 * @param events what happened, oldest first
 */
@JsonPropertyOrder({"state", "iteration", "iterations", "message", "updated", "pid", "processStart", "rollbacks",
    "events"})
public record RunStatus(State state, int iteration, int iterations, String message, String updated, long pid,
        String processStart, int rollbacks, List<Event> events) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The state of a run. */
    public enum State {
        /** A process is training it (or was, until it was killed: see {@link #displayState()}). */
        @JsonProperty("running") RUNNING,
        /** Every configured iteration ran. */
        @JsonProperty("finished") FINISHED,
        /** Stopped by Ctrl-C or a stop request; resumable. */
        @JsonProperty("interrupted") INTERRUPTED,
        /** Stopped by an error. */
        @JsonProperty("failed") FAILED,
        /** Stopped because training diverged. */
        @JsonProperty("diverged") DIVERGED;

        /** The lower-case name used in files and listings. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One thing that happened to a run.
     *
     * @param time when, ISO-8601 UTC
     * @param iteration the iteration it happened at
     * @param kind {@code started}, {@code resumed}, {@code rollback}, {@code diverged},
     *     {@code interrupted}, {@code finished}, {@code failed}
     * @param text what happened, for people
     */
    @JsonPropertyOrder({"time", "iteration", "kind", "text"})
    public record Event(String time, int iteration, String kind, String text) {
    }

    public RunStatus {
        message = message == null ? "" : message;
        processStart = processStart == null ? "" : processStart;
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A copy in {@code state} at {@code iteration} with {@code message}, stamped now. */
    public RunStatus with(State state, int iteration, String message) {
        return new RunStatus(state, iteration, iterations, message, Instant.now().toString(), pid, processStart,
                rollbacks, events);
    }

    /** A copy with one more event. */
    public RunStatus withEvent(int iteration, String kind, String text) {
        List<Event> all = new ArrayList<>(events);
        all.add(new Event(Instant.now().toString(), iteration, kind, text));
        return new RunStatus(state, iteration, iterations, message, Instant.now().toString(), pid, processStart,
                rollbacks, all);
    }

    /** A copy counting one more rollback. */
    public RunStatus withRollback() {
        return new RunStatus(state, iteration, iterations, message, updated, pid, processStart, rollbacks + 1,
                events);
    }

    /** A copy owned by this process, configured for {@code total} iterations. */
    public RunStatus ownedByThisProcess(int total) {
        ProcessHandle self = ProcessHandle.current();
        return new RunStatus(state, iteration, total, message, Instant.now().toString(), self.pid(),
                self.info().startInstant().map(Instant::toString).orElse(""), rollbacks, events);
    }

    /** A fresh status for a run starting now in this process. */
    public static RunStatus starting(int total) {
        return new RunStatus(State.RUNNING, 0, total, "", Instant.now().toString(), 0, "", 0, List.of())
                .ownedByThisProcess(total);
    }

    /**
     * The state to show: {@code killed} for a run that says it is running but whose process is
     * gone (killed, or the machine stopped), else the state's label.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String displayState() {
        if (state != State.RUNNING) {
            return state.label();
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        boolean alive = p.isPresent() && p.get().isAlive() && (processStart.isEmpty()
                || p.get().info().startInstant().map(Instant::toString).map(processStart::equals).orElse(true));
        return alive ? "running" : "killed";
    }

    /** Writes this status to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code file}; empty if there is none.
     *
     * @throws RunException naming the file if it is not a status file
     */
    public static Optional<RunStatus> read(Path file) throws IOException {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), RunStatus.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new RunException(file + ": not a run status file: " + e.getOriginalMessage(), e);
        }
    }
}
