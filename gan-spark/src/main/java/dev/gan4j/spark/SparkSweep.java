package dev.gan4j.spark;

import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.run.RunException;
import dev.gan4j.core.sweep.Leaderboard;
import dev.gan4j.core.sweep.Sweep;
import dev.gan4j.core.sweep.SweepConfig;
import dev.gan4j.core.sweep.SweepFile;
import dev.gan4j.core.sweep.SweepListener;
import dev.gan4j.core.sweep.TrialOutcome;
import dev.gan4j.core.sweep.TrialTask;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The {@code spark-submit} entry point: runs a sweep file's trials as Spark tasks.
 *
 * <pre>
 * spark-submit --master spark://host:7077 --class dev.gan4j.spark.SparkSweep gan-spark-VERSION-spark.jar \
 *     SWEEP.json --out DIR_OR_URI [--set PATH=VALUE]...
 * </pre>
 *
 * {@code --out} is the sweep's directory: a path every executor sees at the same place (local
 * mode, NFS; made absolute on the driver, since an executor's working directory is its own), or
 * a Hadoop filesystem URI ({@code hdfs://namenode/sweeps/lr}). For a URI the driver keeps the
 * sweep's own files in a local directory, copying {@code sweep.json}, {@code sweep.jsonl} and
 * {@code sweep.html} in at the start and out after every rung, and the trials' run directories
 * are {@code URI/trials/ID}, staged by the tasks. Running the same command again continues the
 * sweep. Exit codes: 0 done, 1 the sweep or Spark failed, 2 bad arguments or sweep file.
 */
public final class SparkSweep {

    private static final String USAGE = "usage: spark-submit --class dev.gan4j.spark.SparkSweep gan-spark-*-spark.jar "
            + "SWEEP.json --out DIR_OR_URI [--set PATH=VALUE]...";

    private SparkSweep() {
    }

    /** Runs the sweep and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new SparkConf(), System.out, System.err));
    }

    /**
     * Runs the sweep {@code args} name on a Spark context made from {@code conf} (which must name
     * a master, as {@code spark-submit} does).
     *
     * @return the exit code: 0 done, 1 failed, 2 bad arguments or sweep file
     */
    static int run(String[] args, SparkConf conf, PrintStream out, PrintStream err) {
        Arguments a;
        SweepConfig config;
        try {
            a = Arguments.parse(args);
            config = SweepFile.load(a.sweepFile(), a.sets());
        } catch (IllegalArgumentException e) {
            err.println("gan4j spark sweep: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ExperimentException e) {
            err.println("gan4j spark sweep: " + e.getMessage());
            return 2;
        }
        if (!conf.contains("spark.master")) {
            err.println("gan4j spark sweep: no Spark master: run it with spark-submit --master ...");
            err.println(USAGE);
            return 2;
        }
        conf.setIfMissing("spark.app.name", "gan4j sweep " + config.name());
        try (JavaSparkContext spark = new JavaSparkContext(conf);
                SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            Leaderboard board = HadoopPaths.isUri(a.out())
                    ? onSharedFilesystem(config, a.out(), spark, executor, out)
                    : Sweep.create(Path.of(a.out()).toAbsolutePath(), config).run(executor, new Progress(out, null));
            print(board, out);
            return board.complete() ? 0 : 1;
        } catch (IllegalArgumentException | RunException | ExperimentException e) {
            err.println("gan4j spark sweep: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("gan4j spark sweep: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        }
    }

    private static Leaderboard onSharedFilesystem(SweepConfig config, String uri, JavaSparkContext spark,
            SparkTrialExecutor executor, PrintStream out) throws IOException {
        String root = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        Path local = Files.createTempDirectory("gan4j-sweep-");
        SweepFiles files = new SweepFiles(root, local, spark.hadoopConfiguration());
        files.copyIn();
        Sweep sweep = Sweep.create(local, config).trialRoot(root + "/" + Sweep.TRIALS);
        try {
            return sweep.run(executor, new Progress(out, files));
        } finally {
            try {
                files.copyOut();
            } catch (IOException e) {
                throw new IOException("cannot copy the sweep's files to " + root + " (they are kept in " + local + "): "
                        + e.getMessage(), e);
            }
            LocalFiles.deleteQuietly(local);
        }
    }

    /** Prints the leaderboard, best first. */
    static void print(Leaderboard board, PrintStream out) {
        out.println("rank  trial   rung  iterations  status     objective     settings");
        for (Leaderboard.Entry e : board.entries()) {
            out.printf(Locale.ROOT, "%4d  %-6s  %4d  %10d  %-9s  %12.6g  %s%n", e.rank(), e.trial().id(), e.rung(),
                    e.iterations(), e.status() == null ? "waiting" : e.status().name().toLowerCase(Locale.ROOT),
                    e.objective(), e.trial().describe());
        }
        out.printf(Locale.ROOT, "successive halving trained %d of the %d iterations every trial to the end would take "
                + "(%.0f%% saved)%n", board.iterationsRun(), board.iterationsAllToEnd(), 100 * board.saved());
    }

    /** A line per rung and per trial's outcome; for a URI, copies the sweep's files out after every rung. */
    private record Progress(PrintStream out, SweepFiles files) implements SweepListener {
        @Override
        public void rungStarted(int rung, List<TrialTask> tasks) {
            if (files != null && rung > 0) {
                files.copyOutQuietly(out);
            }
            out.printf(Locale.ROOT, "rung %d: %d trials to %d iterations as Spark tasks%n", rung, tasks.size(),
                    tasks.get(0).iterations());
        }

        @Override
        public void finished(TrialOutcome o) {
            if (files != null) {
                files.mirrorGridNames(o.trialId());
            }
            out.printf(Locale.ROOT, "  %s rung %d: %s %s%s (%.1f s)%n", o.trialId(), o.rung(),
                    o.status().name().toLowerCase(Locale.ROOT), o.figures(), o.error().isEmpty() ? "" : " " + o.error(),
                    o.seconds());
        }
    }

    /** The command line. */
    record Arguments(Path sweepFile, String out, List<String> sets) {

        static Arguments parse(String[] args) {
            Path file = null;
            String out = null;
            List<String> sets = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--out", "--set" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        String value = args[++i];
                        if (arg.equals("--out")) {
                            out = value;
                        } else {
                            sets.add(value);
                        }
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        if (file != null) {
                            throw new IllegalArgumentException("one sweep file, not " + file + " and " + arg);
                        }
                        file = Path.of(arg);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no sweep file given");
            }
            if (out == null) {
                throw new IllegalArgumentException("no --out given: the sweep's directory (a path all executors "
                        + "see, or a URI such as hdfs://namenode/sweeps/NAME)");
            }
            return new Arguments(file, out, List.copyOf(sets));
        }
    }
}
