package dev.gan4j.core.sweep;

import dev.gan4j.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link ProcessExecutor} worker: {@code java -cp ... dev.gan4j.core.sweep.TrialProcess
 * TASK.json OUTCOME.json} runs one task with {@link TrialRunner#run(TrialTask)} and writes its
 * outcome (atomically: a worker killed half-way leaves none). It dies with the process that
 * started it, so that a killed sweep leaves no orphan training its trials; the trial resumes from
 * its newest checkpoint when the sweep is run again.
 */
public final class TrialProcess {

    private TrialProcess() {
    }

    /**
     * Runs the task in {@code args[0]} and writes its outcome to {@code args[1]}.
     *
     * @throws IOException if the task cannot be read or the outcome written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TrialProcess TASK.json OUTCOME.json");
            System.exit(2);
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("the sweep that started this worker is gone; stopping (the trial resumes from its "
                    + "newest checkpoint when the sweep runs again)");
            Runtime.getRuntime().halt(143);
        }));
        TrialTask task = TrialJson.task(TrialJson.JSON.readTree(Path.of(args[0]).toFile()));
        TrialOutcome outcome = TrialRunner.run(task);
        AtomicFiles.write(Path.of(args[1]), TrialJson.JSON.writeValueAsString(TrialJson.outcome(outcome))
                .getBytes(StandardCharsets.UTF_8));
        System.exit(0);
    }

    /** Reads an outcome a worker wrote. */
    static TrialOutcome read(Path file) throws IOException {
        return TrialJson.outcome(TrialJson.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
    }
}
